package app.miniwallet.platform.background;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.Lifecycle;

/**
 * A daemon thread that runs a {@link Round} again and again: at once while a round says there may be more to do,
 * otherwise once {@link #wakeUp()} is called or the poll interval passed, whichever comes first. A wake-up that comes
 * while a round runs is kept for the wait after it, so none is lost.
 *
 * <p>A round that throws is tried again after a pause that starts at {@link Backoff#first()} and doubles with each
 * failure in a row up to {@link Backoff#longest()}; a wake-up ends the pause early, since whatever woke the loop may
 * have fixed the cause. Failures in a row are logged as warnings at the 1st, 2nd, 4th, 8th… (so one that lasts stays
 * visible without flooding the log), the others at debug, and the round that ends the streak says so. If the thread
 * dies of an {@link Error}, it says so at error and the loop no longer counts as running.
 *
 * <p>{@link #stop()} lets the round in flight finish, ends the wait, and waits for the thread at most the stop timeout;
 * it does not interrupt the thread, since the JDBC, Kafka and mail clients the rounds use do not all come out of an
 * interrupt in a clean state (the Kafka producer throws out of its transaction). A round that runs long checks the
 * {@code keepGoing} it is given. An interrupt from elsewhere ends the loop as a stop does. Each start has its own
 * thread and stop signal, so a thread that outlives {@code stop()} never takes a later start's signals for its own.
 */
public final class BackgroundLoop implements Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Duration pollInterval;
    private final Backoff backoff;
    private final Duration stopTimeout;
    private final Round round;
    private final AtomicReference<Run> current = new AtomicReference<>();

    /**
     * @param name the thread's name, also in the log
     * @param pollInterval the longest wait after a round that said there is nothing more to do
     * @param backoff the pauses after failed rounds
     * @param stopTimeout how long {@link #stop()} waits for the round in flight
     */
    public BackgroundLoop(String name, Duration pollInterval, Backoff backoff, Duration stopTimeout, Round round) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.backoff = backoff;
        this.stopTimeout = stopTimeout;
        this.round = round;
    }

    /** A loop that tries a failed round again after the poll interval, as if it had found nothing to do. */
    public BackgroundLoop(String name, Duration pollInterval, Duration stopTimeout, Round round) {
        this(name, pollInterval, Backoff.fixed(pollInterval), stopTimeout, round);
    }

    /** Starts the thread, which runs a round at once; does nothing if it runs. Can start again after a stop. */
    @Override
    public synchronized void start() {
        if (current.get() == null) {
            var run = new Run();
            current.set(run);
            run.thread.start();
        }
    }

    /**
     * Asks the thread to end after the round in flight and waits for it at most the stop timeout; does nothing if it
     * does not run.
     */
    @Override
    public void stop() {
        stopAndJoin();
    }

    /**
     * {@link #stop()}, telling whether the thread has ended: false when its round still runs after the stop timeout (or
     * the waiting thread was interrupted), so whatever the round works on may still change.
     */
    public synchronized boolean stopAndJoin() {
        var run = current.getAndSet(null);
        if (run == null) {
            return true;
        }
        run.requestStop();
        try {
            run.thread.join(Math.max(1, stopTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (run.thread.isAlive()) {
            log.warn("{} did not stop within {}; it stops once its round ends", name, stopTimeout);
            return false;
        }
        return true;
    }

    /**
     * Whether it was started and has neither been stopped since nor died (the thread may be finishing a round after a
     * stop).
     */
    @Override
    public boolean isRunning() {
        return current.get() != null;
    }

    /** Ends the wait between rounds, or, during a round, the wait after it; does nothing if it does not run. */
    public void wakeUp() {
        var run = current.get();
        if (run != null) {
            run.wakeUp();
        }
    }

    /** One round of work, run on the loop's thread. */
    @FunctionalInterface
    public interface Round {

        /**
         * @param keepGoing true until the loop is asked to stop or its thread is interrupted; a round that runs long
         *     (one that holds a leadership or a connection, say) returns once it is false
         * @return whether there may be more to do at once; false to wait for a wake-up or the poll interval
         * @throws Exception when the round failed: it is tried again after a pause
         */
        boolean run(BooleanSupplier keepGoing) throws Exception;
    }

    /** One start's thread and signals. */
    private final class Run implements Runnable {

        private final Thread thread;
        private final Semaphore wakeUps = new Semaphore(0);
        private volatile boolean stopRequested;

        Run() {
            thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (Error e) {
                // logged here rather than by the default handler, with the loop's name; the thread ends either way
                log.error("{} died; it runs no more rounds", name, e);
            } finally {
                // a thread that ends for any reason but a stop no longer counts as the running loop
                current.compareAndSet(this, null);
            }
        }

        private void loop() {
            var failures = 0;
            while (keepGoing()) {
                Duration wait;
                try {
                    var more = round.run(this::keepGoing);
                    if (failures > 0) {
                        log.info("{} works again after {} failed rounds", name, failures);
                        failures = 0;
                    }
                    if (more) {
                        continue;
                    }
                    wait = pollInterval;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failures++;
                    wait = backoff.after(failures);
                    if (Integer.bitCount(failures) == 1) {
                        log.warn("{} failed {} time(s) in a row; trying again in {}", name, failures, wait, e);
                    } else {
                        log.debug("{} failed {} times in a row; trying again in {}", name, failures, wait, e);
                    }
                }
                await(wait);
            }
        }

        private boolean keepGoing() {
            return !stopRequested && !thread.isInterrupted();
        }

        private void await(Duration timeout) {
            try {
                if (wakeUps.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    // the wake-ups that came meanwhile are answered by the round that follows
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void wakeUp() {
            // one permit is enough to make the loop look again
            if (wakeUps.availablePermits() == 0) {
                wakeUps.release();
            }
        }

        void requestStop() {
            stopRequested = true;
            wakeUp();
        }
    }
}
