package app.miniwallet.devstack;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Starts again whatever dies, until the stack stops: what compose's {@code restart: unless-stopped} does, for the
 * processes of the cluster stack. A process that died is started again after {@link #FIRST_DELAY}; if it does not come
 * back, the pause doubles up to {@link #MAX_DELAY} between attempts, and each step is said on the console.
 */
final class Supervisor {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** A running process as the supervisor sees it: its pid, and its exit code once it exits. */
    record Running(long pid, CompletableFuture<Integer> exit) {}

    private final Progress progress;
    private final BooleanSupplier stopping;

    /** @param stopping true once the stack is stopping: from then on nothing is started again */
    Supervisor(Progress progress, BooleanSupplier stopping) {
        this.progress = progress;
        this.stopping = stopping;
    }

    /**
     * Watches {@code running}; when it exits while the stack is not stopping, calls {@code start} (which returns
     * once the new process is ready, or throws) and watches what it started.
     */
    void watch(String name, Running running, Supplier<Running> start) {
        running.exit().thenAccept(exitCode -> {
            if (!stopping.getAsBoolean()) {
                progress.say(
                        "%s (pid %d) exited with code %d; starting it again".formatted(name, running.pid(), exitCode));
                startLater(name, FIRST_DELAY, start);
            }
        });
    }

    private void startLater(String name, Duration delay, Supplier<Running> start) {
        CompletableFuture.runAsync(
                () -> {
                    if (stopping.getAsBoolean()) {
                        return;
                    }
                    var began = System.nanoTime();
                    Running restarted;
                    try {
                        restarted = start.get();
                    } catch (RuntimeException e) {
                        if (stopping.getAsBoolean()) {
                            return;
                        }
                        var next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
                        progress.say("%s did not come back (%s); trying again in %d s"
                                .formatted(name, firstLine(e.getMessage()), next.toSeconds()));
                        startLater(name, next, start);
                        return;
                    }
                    progress.say("%s is back (pid %d, %.1f s)"
                            .formatted(name, restarted.pid(), (System.nanoTime() - began) / 1e9));
                    watch(name, restarted, start);
                },
                CompletableFuture.delayedExecutor(
                        delay.toMillis(), TimeUnit.MILLISECONDS, runnable -> new Thread(runnable, "restart-" + name)
                                .start()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        var end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
