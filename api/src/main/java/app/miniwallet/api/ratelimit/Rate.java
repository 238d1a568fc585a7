package app.miniwallet.api.ratelimit;

import java.time.Duration;

/**
 * At most {@code limit} hits within any {@code window}.
 *
 * @param limit how many hits a window holds, at least 1
 * @param window how long a hit counts, at least a millisecond
 */
public record Rate(int limit, Duration window) {

    public Rate {
        if (limit < 1 || window == null || window.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "a rate limit needs a limit of at least 1 and a window of at least 1ms, not limit=" + limit
                            + ", window=" + window);
        }
    }
}
