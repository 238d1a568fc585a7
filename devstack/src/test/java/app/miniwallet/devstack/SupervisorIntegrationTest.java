package app.miniwallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cluster stack's restart policy, on real operating-system processes killed with SIGKILL. */
class SupervisorIntegrationTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor =
            new Supervisor(new Progress(new PrintStream(console, true, StandardCharsets.UTF_8)), stopping::get);

    @AfterEach
    void killWhatIsLeft() {
        stopping.set(true);
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void startsAKilledProcessAgainAndSaysSoUntilTheStackStops() {
        var first = startSleeper();
        supervisor.watch("sleeper", running(first), () -> running(startSleeper()));

        first.destroyForcibly();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> started.size() == 2 && started.get(1).isAlive());
        var second = started.get(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> console().contains("sleeper is back (pid " + second.pid()));
        assertThat(console()).contains("sleeper (pid " + first.pid() + ") exited with code 137; starting it again");

        // watched again: a second death is answered too
        second.destroyForcibly();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> started.size() == 3 && started.get(2).isAlive());

        stopping.set(true);
        started.get(2).destroyForcibly();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> started.size() == 3);
    }

    @Test
    void triesAgainWhileAProcessDoesNotComeBack() {
        var attempts = new AtomicInteger();
        var first = startSleeper();
        supervisor.watch("flaky", running(first), () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky exited with code 1 before it was healthy\nthe end of its log");
            }
            return running(startSleeper());
        });

        first.destroyForcibly();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> started.size() == 2 && started.get(1).isAlive());
        assertThat(attempts).hasValue(3);
        assertThat(console())
                .contains(
                        "flaky did not come back (flaky exited with code 1 before it was healthy); trying again in 2 s")
                .contains(
                        "flaky did not come back (flaky exited with code 1 before it was healthy); trying again in 4 s");
    }

    private Process startSleeper() {
        try {
            var process = new ProcessBuilder("sleep", "600").start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Supervisor.Running running(Process process) {
        return new Supervisor.Running(process.pid(), process.onExit().thenApply(Process::exitValue));
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
