package app.miniwallet.platform.auth;

import app.miniwallet.platform.database.NotificationListener;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the token check knows of revocations without asking the database: every signed-out token that has not expired
 * yet, and the token generation of the users it met lately. The triggers on {@code revoked_tokens} and on
 * {@code users.token_generation} NOTIFY each change, and a {@link NotificationListener} of its own applies them.
 *
 * <p>It answers only while its listener has heard every NOTIFY committed more than {@code delay} ago; otherwise (not
 * listening yet, the connection lost, the listener stalled) it says it does not know, and the caller asks the database.
 * So a token revoked at time T is refused by every instance from T + {@code delay} at the latest.
 */
final class RevocationMemory {

    static final String CHANNEL = "token_revocations";

    /** Users whose generation is kept; past this the memory starts over rather than grow without end. */
    private static final int MAX_USERS = 100_000;

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    /** Longer than the expiry check's allowance for clock skew (60 s), within which an expired token still passes. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(RevocationMemory.class);

    private final JdbcClient jdbc;
    private final long delayNanos;
    private final NotificationListener listener;

    /** Signed-out tokens by id, with their expiry; replaced whole each time the listener (re)starts listening. */
    private volatile Map<UUID, Instant> revoked = new ConcurrentHashMap<>();

    private final Map<Long, Long> generations = new ConcurrentHashMap<>();

    /** Counts every change to {@link #generations} that a read from the database may have raced with. */
    private final AtomicLong generationChanges = new AtomicLong();

    private volatile Instant nextPrune = Instant.MIN;

    /**
     * @param listenerConnections where the listener's own connection comes from (not a pool's: it is held)
     * @param delay the longest a revoked token may still be accepted
     */
    RevocationMemory(JdbcClient jdbc, DataSource listenerConnections, Duration delay) {
        this.jdbc = jdbc;
        this.delayNanos = delay.toNanos();
        this.listener = new NotificationListener(
                "token-revocations",
                listenerConnections,
                List.of(CHANNEL),
                // several checks within the delay, so that one slow check does not make every request ask the database
                delay.dividedBy(4),
                this::apply,
                this::startOver);
    }

    void start() {
        listener.start();
    }

    void stop() {
        listener.stop();
    }

    boolean isRunning() {
        return listener.isRunning();
    }

    /** Whether the token is revoked; empty when the memory cannot vouch for being current. */
    Optional<Boolean> isRevoked(UUID tokenId, long userId, long generation) {
        if (!listener.heardAllSentBefore(System.nanoTime() - delayNanos)) {
            return Optional.empty();
        }
        if (revoked.containsKey(tokenId)) {
            return Optional.of(true);
        }
        var current = generations.get(userId);
        if (current == null) {
            var changesBefore = generationChanges.get();
            var read = jdbc.sql("select token_generation from users where id = ?")
                    .param(userId)
                    .query(Long.class)
                    .optional();
            if (read.isEmpty()) {
                return Optional.of(true);
            }
            current = read.get();
            remember(userId, current, changesBefore);
        }
        if (generation > current) {
            // generations only go up: the token is from a reset this memory has not heard of yet
            return Optional.empty();
        }
        return Optional.of(generation < current);
    }

    /**
     * Keeps a generation read from the database, unless a change was applied since the read began: that change may be
     * newer than what was read, and the read value would then hide it for good.
     */
    private void remember(long userId, long generation, long changesBefore) {
        if (generations.size() >= MAX_USERS) {
            forgetGenerations();
        }
        // atomic for the key: a change counts, then removes; it removes this entry or is counted before it is put
        generations.compute(userId, (user, known) -> {
            if (generationChanges.get() != changesBefore) {
                return known; // null when nothing is known: then nothing is kept
            }
            return generation;
        });
    }

    /** A token this instance signed out, known before its NOTIFY comes back. */
    void revoked(UUID tokenId, Instant expiresAt) {
        revoked.put(tokenId, expiresAt);
    }

    /** A user whose generation this instance moved on, forgotten before the NOTIFY comes back. */
    void generationChanged(long userId) {
        generationChanges.incrementAndGet();
        generations.remove(userId);
    }

    private void forgetGenerations() {
        generationChanges.incrementAndGet();
        generations.clear();
    }

    /**
     * Runs on the listener's thread, for each NOTIFY of the triggers. A notice it cannot read is a revocation it would
     * miss: it throws, and the listener starts over as after a lost connection, vouching for nothing meanwhile.
     */
    private void apply(PGNotification notification) {
        var parts = notification.getParameter().split(":");
        try {
            switch (parts[0]) {
                case "token" -> {
                    revoked(UUID.fromString(parts[1]), Instant.ofEpochSecond(Long.parseLong(parts[2])));
                    pruneNowAndThen();
                }
                case "user" -> generationChanged(Long.parseLong(parts[1]));
                default -> throw new IllegalArgumentException("unknown kind " + parts[0]);
            }
        } catch (RuntimeException unreadable) {
            throw new IllegalStateException(
                    "unreadable token revocation notice '" + notification.getParameter() + "'", unreadable);
        }
    }

    /**
     * Runs on the listener's thread each time it listens (again), before it vouches for anything: whatever was
     * notified meanwhile was missed, so the memory is read anew.
     */
    private void startOver() {
        forgetGenerations();
        var current = new ConcurrentHashMap<UUID, Instant>();
        jdbc.sql("select token_id, expires_at from revoked_tokens where expires_at > ?")
                // this JVM's clock, as the expiry check's and the pruning's
                .param(Timestamp.from(Instant.now().minus(KEPT_AFTER_EXPIRY)))
                .query((RowCallbackHandler) row -> current.put(
                        row.getObject("token_id", UUID.class),
                        row.getTimestamp("expires_at").toInstant()));
        revoked = current;
        nextPrune = Instant.now().plus(PRUNE_EVERY);
        log.info("Token revocations: {} signed-out tokens in memory", current.size());
    }

    /** Tokens well past their expiry fail the expiry check anyway; they leave the memory once a minute. */
    private void pruneNowAndThen() {
        var now = Instant.now();
        if (now.isAfter(nextPrune)) {
            revoked.values().removeIf(expiry -> expiry.plus(KEPT_AFTER_EXPIRY).isBefore(now));
            nextPrune = now.plus(PRUNE_EVERY);
        }
    }
}
