package app.miniwallet.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Signals sent with {@code kill}, which Java's process API cannot do for SIGSTOP and SIGCONT. */
public final class Signals {

    private Signals() {}

    /**
     * Sends {@code SIG<signal>} (for example {@code STOP}, {@code CONT}) to every given process at once. A process that
     * exited meanwhile is not an error: {@code kill} still signals the others, and what is gone needs no signal.
     *
     * @param who what the processes are, for the error message
     */
    public static void send(String signal, String who, List<Long> pids) {
        var command = new ArrayList<String>();
        command.add("kill");
        command.add("-" + signal);
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            var kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0
                    && !output.lines().allMatch(line -> line.isBlank() || line.contains("No such process"))) {
                throw new IllegalStateException(
                        "kill -" + signal + " " + pids + " (" + who + ") failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + who, e);
        }
    }
}
