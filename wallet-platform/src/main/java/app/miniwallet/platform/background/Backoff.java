package app.miniwallet.platform.background;

import java.time.Duration;

/** Pauses after failures in a row: {@code first} after the first one, doubling with each further one up to {@code longest}. */
public record Backoff(Duration first, Duration longest) {

    /** The same pause after every failure. */
    public static Backoff fixed(Duration pause) {
        return new Backoff(pause, pause);
    }

    /** The pause after this many failures in a row (at least 1). */
    public Duration after(int failures) {
        var pause = first;
        for (int i = 1; i < failures && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
