package app.miniwallet.platform.background;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BackgroundLoopUnitTest {

    /** Longer than any test runs: a round that comes sooner was woken, not polled. */
    private static final Duration NEVER = Duration.ofHours(1);

    /** Longer than any stop that works takes; bounded so that one that does not work fails the test, not hangs it. */
    private static final Duration STOP_TIMEOUT = ofSeconds(10);

    private final List<BackgroundLoop> loops = new ArrayList<>();
    private final CountDownLatch finishRound = new CountDownLatch(1);

    @AfterEach
    void stopLoops() {
        finishRound.countDown();
        loops.forEach(BackgroundLoop::stop);
    }

    @Test
    void waitsAfterARoundThatFoundNothingUntilWokenUp() {
        var rounds = new AtomicInteger();
        var loop = started(NEVER, keepGoing -> {
            rounds.incrementAndGet();
            return false;
        });
        await().during(ofMillis(300)).atMost(ofSeconds(5)).until(() -> rounds.get() == 1);

        loop.wakeUp();

        await().atMost(ofSeconds(5)).until(() -> rounds.get() == 2);
    }

    @Test
    void keepsAWakeUpThatCameDuringARoundForTheWaitAfterIt() {
        var rounds = new AtomicInteger();
        var loop = started(NEVER, keepGoing -> {
            if (rounds.incrementAndGet() == 1) {
                finishRound.await();
            }
            return false;
        });
        await().atMost(ofSeconds(5)).until(() -> rounds.get() == 1);

        loop.wakeUp();
        finishRound.countDown();

        await().atMost(ofSeconds(5)).until(() -> rounds.get() == 2);
    }

    @Test
    void goesAgainAtOnceWhileARoundSaysThereIsMore() {
        var rounds = new AtomicInteger();
        started(NEVER, keepGoing -> rounds.incrementAndGet() < 5);

        await().during(ofMillis(300)).atMost(ofSeconds(5)).until(() -> rounds.get() == 5);
    }

    @Test
    void looksAgainAfterThePollIntervalWithoutAWakeUp() {
        var rounds = new AtomicInteger();
        started(ofMillis(50), keepGoing -> {
            rounds.incrementAndGet();
            return false;
        });

        await().atMost(ofSeconds(5)).until(() -> rounds.get() >= 3);
    }

    @Test
    void triesAFailingRoundAgainAfterPausesThatDouble() {
        var attempts = new CopyOnWriteArrayList<Long>();
        started(NEVER, new Backoff(ofMillis(100), ofSeconds(10)), keepGoing -> {
            attempts.add(System.nanoTime());
            throw new IllegalStateException("failing on purpose");
        });

        await().atMost(ofSeconds(10)).until(() -> attempts.size() >= 4);

        var gaps = gapsBetween(attempts);
        assertThat(gaps.get(0)).as("ms after the first failure").isGreaterThanOrEqualTo(100);
        assertThat(gaps.get(1)).as("ms after the second").isGreaterThanOrEqualTo(200);
        assertThat(gaps.get(2)).as("ms after the third").isGreaterThanOrEqualTo(400);
    }

    @Test
    void startsTheBackoffAfreshOnceARoundWorked() {
        var attempts = new CopyOnWriteArrayList<Long>();
        started(NEVER, new Backoff(ofMillis(200), ofSeconds(10)), keepGoing -> {
            attempts.add(System.nanoTime());
            if (attempts.size() == 6) {
                return true; // works, and asks to go again at once
            }
            throw new IllegalStateException("failing on purpose");
        });

        await().atMost(ofSeconds(15)).until(() -> attempts.size() >= 8);

        // 200, 400, 800 and 1,600 ms after the first five failures; without the fresh start 3,200 ms after the
        // seventh, and the bound leaves a busy machine seconds of slack either way
        assertThat(gapsBetween(attempts).get(6))
                .as("ms between the first failure after the round that worked and the next attempt")
                .isBetween(200L, 2_500L);
    }

    @Test
    void aWakeUpEndsThePauseAfterAFailure() {
        var attempts = new AtomicInteger();
        var loop = started(NEVER, Backoff.fixed(NEVER), keepGoing -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("failing on purpose");
        });
        await().atMost(ofSeconds(5)).until(() -> attempts.get() == 1);

        loop.wakeUp();

        await().atMost(ofSeconds(5)).until(() -> attempts.get() == 2);
    }

    @Test
    void stopEndsTheWaitAndTheThread() {
        var thread = new AtomicReference<Thread>();
        var loop = started(NEVER, keepGoing -> {
            thread.set(Thread.currentThread());
            return false;
        });
        await().atMost(ofSeconds(5)).until(() -> thread.get() != null);

        assertTimeoutPreemptively(ofSeconds(5), loop::stop);

        assertThat(thread.get().isAlive()).isFalse();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void stopLetsTheRoundInFlightFinishUninterruptedAndStartsNoOther() throws Exception {
        var rounds = new AtomicInteger();
        var interrupted = new AtomicBoolean();
        var thread = new AtomicReference<Thread>();
        var loop = started(NEVER, keepGoing -> {
            thread.set(Thread.currentThread());
            rounds.incrementAndGet();
            try {
                finishRound.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return true; // there would be more
        });
        await().atMost(ofSeconds(5)).until(() -> rounds.get() == 1);

        var stopping = CompletableFuture.runAsync(loop::stop);
        await().atMost(ofSeconds(5)).until(() -> !loop.isRunning());
        assertThat(stopping).isNotDone();
        finishRound.countDown();
        stopping.get(5, TimeUnit.SECONDS);

        assertThat(rounds.get()).isEqualTo(1);
        assertThat(interrupted.get()).as("the round was interrupted").isFalse();
        assertThat(thread.get().isAlive()).isFalse();
    }

    @Test
    void aRoundThatRunsLongIsToldToEndOnStop() {
        var loop = started(NEVER, keepGoing -> {
            while (keepGoing.getAsBoolean()) {
                finishRound.await(10, TimeUnit.MILLISECONDS);
            }
            return true;
        });

        assertTimeoutPreemptively(ofSeconds(5), loop::stop);
    }

    @Test
    void anInterruptEndsTheLoop() {
        var thread = new AtomicReference<Thread>();
        started(NEVER, keepGoing -> {
            thread.set(Thread.currentThread());
            return false;
        });
        await().atMost(ofSeconds(5)).until(() -> thread.get() != null);

        thread.get().interrupt();

        await().atMost(ofSeconds(5)).until(() -> !thread.get().isAlive());
    }

    @Test
    void aThreadThatOutlivesItsStopEndsAfterItsRoundThoughTheLoopStartedAgain() {
        var firstThread = new AtomicReference<Thread>();
        var roundsOfTheFirstThread = new AtomicInteger();
        var roundsOfLaterThreads = new AtomicInteger();
        var loop = new BackgroundLoop("test-loop", NEVER, ofMillis(100), keepGoing -> {
            if (firstThread.compareAndSet(null, Thread.currentThread())
                    || firstThread.get() == Thread.currentThread()) {
                roundsOfTheFirstThread.incrementAndGet();
                finishRound.await(); // not looking at keepGoing
                return true;
            }
            roundsOfLaterThreads.incrementAndGet();
            return false;
        });
        loops.add(loop);
        loop.start();
        await().atMost(ofSeconds(5)).until(() -> roundsOfTheFirstThread.get() == 1);
        loop.stop(); // gives up waiting after 100 ms
        assertThat(firstThread.get().isAlive()).isTrue();

        loop.start();
        await().atMost(ofSeconds(5)).until(() -> roundsOfLaterThreads.get() == 1);
        finishRound.countDown();

        await().atMost(ofSeconds(5)).until(() -> !firstThread.get().isAlive());
        assertThat(roundsOfTheFirstThread.get()).isEqualTo(1);
        loop.wakeUp();
        await().atMost(ofSeconds(5)).until(() -> roundsOfLaterThreads.get() == 2);
    }

    @Test
    void keepsWarningAboutAFailureThatLastsAtEveryDoublingOfItsCount() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var logger = (Logger) LoggerFactory.getLogger(BackgroundLoop.class);
        logger.addAppender(appender);
        try {
            var attempts = new AtomicInteger();
            started(NEVER, Backoff.fixed(Duration.ZERO), keepGoing -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("failing on purpose");
            });

            await().atMost(ofSeconds(5)).until(() -> attempts.get() >= 20);

            assertThat(appender.list.stream()
                            .filter(event -> event.getLevel() == Level.WARN)
                            .limit(5)
                            .map(event -> event.getArgumentArray()[1]))
                    .containsExactly(1, 2, 4, 8, 16);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aLoopWhoseThreadDiedOfAnErrorNoLongerCountsAsRunning() {
        var loop = started(NEVER, keepGoing -> {
            throw new LinkageError("dying on purpose");
        });

        await().atMost(ofSeconds(5)).until(() -> !loop.isRunning());
    }

    @Test
    void stopTellsWhetherTheRoundInFlightEndedWithinTheTimeout() throws Exception {
        var roundStarted = new CountDownLatch(1);
        var loop = new BackgroundLoop("stuck-loop", NEVER, Backoff.fixed(NEVER), ofMillis(100), keepGoing -> {
            roundStarted.countDown();
            finishRound.await();
            return false;
        });
        loops.add(loop);
        loop.start();
        roundStarted.await();

        assertThat(loop.stopAndJoin()).as("stopped while its round is stuck").isFalse();
        assertThat(loop.isRunning()).isFalse();

        var quick = started(NEVER, keepGoing -> false);
        assertThat(quick.stopAndJoin()).as("stopped between rounds").isTrue();
    }

    private BackgroundLoop started(Duration pollInterval, BackgroundLoop.Round round) {
        return started(pollInterval, Backoff.fixed(pollInterval), round);
    }

    private BackgroundLoop started(Duration pollInterval, Backoff backoff, BackgroundLoop.Round round) {
        var loop = new BackgroundLoop("test-loop", pollInterval, backoff, STOP_TIMEOUT, round);
        loops.add(loop);
        loop.start();
        return loop;
    }

    private static List<Long> gapsBetween(List<Long> nanoTimes) {
        var gaps = new ArrayList<Long>();
        for (int i = 1; i < nanoTimes.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(nanoTimes.get(i) - nanoTimes.get(i - 1)));
        }
        return gaps;
    }
}
