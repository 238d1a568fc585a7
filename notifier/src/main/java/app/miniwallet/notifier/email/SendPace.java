package app.miniwallet.notifier.email;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces one instance's emails out to at most {@code perSecond}, whichever sender sends them: each batch takes the next
 * free stretch of time its emails need, and goes out at its start. A batch therefore goes out at once when nothing was
 * sent for a while, and time left unused does not pile up into a burst later. {@code perSecond} 0 spaces nothing.
 */
final class SendPace {

    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final long nanosPerEmail;
    private final LongSupplier nanoTime;
    private long nextFree;
    private boolean started;

    /** @param perSecond 0 or more (the settings check it) */
    SendPace(int perSecond, LongSupplier nanoTime) {
        this.nanosPerEmail = perSecond == 0 ? 0 : NANOS_PER_SECOND / perSecond;
        this.nanoTime = nanoTime;
    }

    SendPace(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** Takes the time that many emails need; returns how long to wait before sending them. */
    synchronized Duration reserve(int emails) {
        if (nanosPerEmail == 0) {
            return Duration.ZERO;
        }
        var now = nanoTime.getAsLong();
        // compared as a difference: nanoTime may be negative and wrap
        var start = started && nextFree - now > 0 ? nextFree : now;
        started = true;
        nextFree = start + emails * nanosPerEmail;
        return Duration.ofNanos(start - now);
    }
}
