package app.miniwallet.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed sign-ins within a minute, for one
 * account or from one client address, further attempts are refused until the oldest failure is a
 * minute old. Kept in memory per api instance; several instances each allow that many.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait, if either the account or the address used up its attempts. */
    Optional<Duration> waitBeforeNextAttempt(String email, String address) {
        var now = clock.instant();
        return Optional.ofNullable(longer(wait(accountKey(email), now), wait(addressKey(address), now)));
    }

    void recordFailure(String email, String address) {
        var now = clock.instant();
        if (failures.size() > MAX_TRACKED_KEYS) {
            failures.values().removeIf(times -> isStale(times, now));
        }
        for (var key : new String[] {accountKey(email), addressKey(address)}) {
            failures.compute(key, (k, times) -> {
                var window = times == null ? new ArrayDeque<Instant>() : times;
                synchronized (window) {
                    window.addLast(now);
                    while (window.size() > MAX_FAILURES) {
                        window.removeFirst();
                    }
                }
                return window;
            });
        }
    }

    void recordSuccess(String email) {
        failures.remove(accountKey(email));
    }

    private Duration wait(String key, Instant now) {
        var times = failures.get(key);
        if (times == null) {
            return null;
        }
        synchronized (times) {
            if (times.size() < MAX_FAILURES) {
                return null;
            }
            var freeAt = times.peekFirst().plus(WINDOW);
            return freeAt.isAfter(now) ? Duration.between(now, freeAt) : null;
        }
    }

    private static boolean isStale(Deque<Instant> times, Instant now) {
        synchronized (times) {
            var last = times.peekLast();
            return last == null || last.plus(WINDOW).isBefore(now);
        }
    }

    private static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private static String accountKey(String email) {
        return "account:" + email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
