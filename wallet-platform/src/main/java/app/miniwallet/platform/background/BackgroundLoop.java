package app.miniwallet.platform.background;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * have fixed the cause. The first failure of a streak is logged as a warning with its stack trace, the rest only at
 * debug, and the round that ends the streak says so.
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
    private volatile Run current;

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
        if (current == null) {
            current = new Run();
            current.thread.start();
        }
    }

    /**
     * Asks the thread to end after the round in flight and waits for it at most the stop timeout; does nothing if it
     * does not run.
     */
    @Override
    public synchronized void stop() {
        var run = current;
        if (run == null) {
            return;
        }
        current = null;
        run.requestStop();
        try {
            run.thread.join(Math.max(1, stopTimeout.toMillis()));
            if (run.thread.isAlive()) {
                log.warn("{} did not stop within {}; it stops once its round ends", name, stopTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether it was started and not stopped since (the thread may be finishing a round after a stop). */
    @Override
    public boolean isRunning() {
        return current != null;
    }

    /** Ends the wait between rounds, or, during a round, the wait after it; does nothing if it does not run. */
    public void wakeUp() {
        var run = current;
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
                    if (failures == 1) {
                        log.warn(
                                "{} failed; trying again in {}, further failures in a row only at debug",
                                name,
                                wait,
                                e);
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
