package app.miniwallet.api.ratelimit;

import app.miniwallet.api.web.TooManyAttemptsException;
import app.miniwallet.platform.auth.AuthSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The request rate limits, kept in PostgreSQL so that every api instance counts against the same numbers (the
 * {@code rate_limits} table). Each (limit, key) row holds the times of its hits within the window; a hit is counted
 * only while there are fewer than the limit, in one statement, so concurrent requests can never let more through
 * than the limit. A refused request is not counted: once the oldest hit is a window old, the next request gets in.
 *
 * <p>Keys (client addresses, emails, account ids) are stored as an HMAC keyed with the token signing secret, so
 * the table holds no address a reader could use and no hash a list of known addresses could reverse.
 *
 * <p>Every statement runs on its own (autocommit), outside any transaction of the caller, and reads the database's
 * clock, so instances whose clocks differ still agree.
 */
@Component
public class RateLimits {

    private static final long PRUNE_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    private final JdbcClient jdbc;
    private final RateLimitSettings settings;
    private final SecretKey keyHashing;
    private final AtomicLong lastPruned = new AtomicLong();

    RateLimits(JdbcClient jdbc, RateLimitSettings settings, AuthSettings auth) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.keyHashing = auth.signingKey();
    }

    /** Counts a hit and lets the request in, or refuses it: how long until a hit is possible again. */
    public Optional<Duration> hit(Limit limit, String key) {
        pruneNowAndThen();
        var rate = limit.rateIn(settings);
        var verdict = jdbc.sql(
                        """
                        insert into rate_limits as r (scope, key_hash, hits, last_allowed, expires_at)
                        values (:scope, :key, array[statement_timestamp()], true, statement_timestamp() + cast(:window as interval))
                        on conflict (scope, key_hash) do update set
                            hits = case
                                when cardinality(rate_limit_recent_hits(r.hits, statement_timestamp() - cast(:window as interval))) < :limit
                                then rate_limit_recent_hits(r.hits, statement_timestamp() - cast(:window as interval)) || statement_timestamp()
                                else rate_limit_recent_hits(r.hits, statement_timestamp() - cast(:window as interval)) end,
                            last_allowed =
                                cardinality(rate_limit_recent_hits(r.hits, statement_timestamp() - cast(:window as interval))) < :limit,
                            expires_at = case
                                when cardinality(rate_limit_recent_hits(r.hits, statement_timestamp() - cast(:window as interval))) < :limit
                                then statement_timestamp() + cast(:window as interval)
                                else r.expires_at end
                        returning last_allowed,
                                  cast(extract(epoch from hits[1] + cast(:window as interval) - statement_timestamp()) * 1000 as bigint)
                                      as wait_millis""")
                .param("scope", limit.scope())
                .param("key", hash(limit, key))
                .param("window", window(rate))
                .param("limit", rate.limit())
                .query((row, number) -> row.getBoolean("last_allowed")
                        ? Optional.<Duration>empty()
                        : Optional.of(Duration.ofMillis(Math.max(1, row.getLong("wait_millis")))))
                .single();
        return verdict;
    }

    /** Counts a hit, or refuses the request with a 429 that says when to come back. */
    public void enforce(Limit limit, String key) {
        hit(limit, key).ifPresent(wait -> {
            throw new TooManyAttemptsException(wait);
        });
    }

    /** Takes back the newest hit: the request it counted turned out not to be one the limit is about. */
    public void takeBack(Limit limit, String key) {
        jdbc.sql(
                        "update rate_limits set hits = trim_array(hits, 1) where scope = ? and key_hash = ? and cardinality(hits) > 0")
                .params(limit.scope(), hash(limit, key))
                .update();
    }

    /** Forgets every hit of the key. */
    public void clear(Limit limit, String key) {
        jdbc.sql("delete from rate_limits where scope = ? and key_hash = ?")
                .params(limit.scope(), hash(limit, key))
                .update();
    }

    /** Deletes the rows that count nothing any more, at most once a minute per instance. */
    private void pruneNowAndThen() {
        var now = System.currentTimeMillis();
        var last = lastPruned.get();
        if (now - last >= PRUNE_EVERY_MILLIS && lastPruned.compareAndSet(last, now)) {
            prune();
        }
    }

    /** Deletes the rows whose newest hit is a window old. */
    int prune() {
        return jdbc.sql("delete from rate_limits where expires_at < statement_timestamp()")
                .update();
    }

    /**
     * Emails are matched as the sign-in matches them: without surrounding space, whatever the case. Lower-cased one
     * character at a time, as PostgreSQL's {@code lower()} does: {@code String.toLowerCase} turns "İ" into two
     * characters, so "admİn@…" would find the account admin@… and yet count apart from it.
     */
    public static String emailKey(String email) {
        if (email == null) {
            return "";
        }
        var key = new StringBuilder();
        email.strip().codePoints().map(Character::toLowerCase).forEach(key::appendCodePoint);
        return key.toString();
    }

    /**
     * Client addresses are counted as a subscriber holds them: an IPv4 address alone, an IPv6 address by its /64, the
     * block one subscriber is usually given, so that taking a new address of one's block for each request buys no
     * new attempts. An IPv4 address written as IPv6 ({@code ::ffff:10.1.2.3}) counts as the IPv4 address. Anything
     * else counts as it is written; it is never looked up.
     */
    public static String addressKey(String address) {
        if (address == null) {
            return "";
        }
        if (!isIpv6Literal(address)) {
            return address;
        }
        try {
            var bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** Only such text does {@link InetAddress#getByName} read as an address rather than a name to look up. */
    private static boolean isIpv6Literal(String address) {
        return address.indexOf(':') >= 0
                && (Character.digit(address.charAt(0), 16) >= 0 || address.charAt(0) == ':')
                && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }

    private static String window(Rate rate) {
        return rate.window().toMillis() + " milliseconds";
    }

    byte[] hash(Limit limit, String key) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(keyHashing);
            mac.update(("rate-limit\0" + limit.scope() + "\0").getBytes(StandardCharsets.UTF_8));
            var counted = limit.perAddress() ? addressKey(key) : key == null ? "" : key;
            return mac.doFinal(counted.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
