package app.miniwallet.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalsUnitTest {

    /** PostgreSQL's backends come and go: one that exited between listing and signalling must not fail the rest. */
    @Test
    void signalsTheLivingWhenOneOfTheProcessesHasExited() throws Exception {
        var exited = new ProcessBuilder("true").start();
        exited.waitFor();
        var living = new ProcessBuilder("sleep", "60").start();
        try {
            Signals.send("STOP", "a test process", List.of(exited.pid(), living.pid()));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stateOf(living.pid()).equals("T"));
            Signals.send("CONT", "a test process", List.of(living.pid()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !stateOf(living.pid()).equals("T"));
        } finally {
            living.destroyForcibly();
        }
    }

    @Test
    void anyOtherFailureIsReported() {
        assertThatThrownBy(() -> Signals.send(
                        "NOSUCHSIGNAL",
                        "this JVM",
                        List.of(ProcessHandle.current().pid())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kill -NOSUCHSIGNAL");
    }

    /** The state letter in {@code /proc/<pid>/stat}: T for stopped. */
    private static String stateOf(long pid) throws IOException {
        var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        var state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        assertThat(state).isNotBlank();
        return state;
    }
}
