package app.miniwallet.devstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Tells the person at the terminal what the dev stack is doing and how long each step took. */
final class Progress {

    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()));
    }

    <T> T step(String what, Supplier<T> action) {
        out.println("[devstack] starting " + what + " ...");
        var started = Instant.now();
        var result = action.get();
        out.printf(
                "[devstack] %s ready (%.1f s)%n",
                what, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return result;
    }

    void say(String message) {
        out.println("[devstack] " + message);
    }

    void print(String text) {
        out.print(text);
        out.flush();
    }
}
