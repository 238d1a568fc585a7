package app.miniwallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierRunIntegrationTest {

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopStartedProcesses() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void findsAServiceAKilledLauncherLeftRunning() throws IOException {
        // a process whose command line names the api's jar, as a surviving api's does
        var jar = Files.createFile(home.resolve("api-0.1.0-exec.jar"));
        var survivor = start("tail", "-f", jar.toString());
        writePidFile("pids/api.pid", survivor.pid());

        var survivors = earlierRun().survivors();

        assertThat(survivors).containsExactly(new EarlierRun.Survivor("api", survivor.pid()));
        assertThat(EarlierRun.describe(survivors))
                .isEqualTo("an earlier dev stack is still running: api (pid %d); stop it with: kill %d"
                        .formatted(survivor.pid(), survivor.pid()));
    }

    @Test
    void ignoresAPidFileWhoseProcessHasExited() throws Exception {
        var exited = start("true");
        exited.waitFor();
        writePidFile("pids/notifier.pid", exited.pid());

        assertThat(earlierRun().survivors()).isEmpty();
    }

    @Test
    void ignoresAPidThatNowBelongsToAnotherProgram() throws IOException {
        var somethingElse = start("sleep", "30");
        writePidFile("pids/transfer-processor.pid", somethingElse.pid());
        writePidFile("postgres/postmaster.pid", somethingElse.pid());

        assertThat(earlierRun().survivors()).isEmpty();
    }

    @Test
    void findsNothingOnAFreshDataDirectory() {
        assertThat(earlierRun().survivors()).isEmpty();
    }

    private EarlierRun earlierRun() {
        return new EarlierRun(DevStackSettings.fromEnvironment(Map.of(), home));
    }

    private Process start(String... command) throws IOException {
        var process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    private void writePidFile(String relativePath, long pid) throws IOException {
        var file = home.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, pid + "\n");
    }
}
