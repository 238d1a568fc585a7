package app.miniwallet.api.auth;

import app.miniwallet.api.outbox.Outbox;
import app.miniwallet.api.user.User;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import app.miniwallet.platform.encryption.EventFieldCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Single-use tokens sent by email (verify the address, reset the password). Only a SHA-256 of a token
 * is stored, so a database leak cannot be turned into sign-ins; the email itself goes out through the
 * outbox and the notifier, in the same transaction that made the token, with the token encrypted for the
 * notifier: it is in clear neither in the outbox row nor on Kafka.
 */
@Component
class AccountEmails {

    static final Duration VERIFY_EMAIL_VALIDITY = Duration.ofHours(24);
    static final Duration RESET_PASSWORD_VALIDITY = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final JsonMapper json;
    private final EventFieldCipher cipher;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    AccountEmails(JdbcClient jdbc, Outbox outbox, JsonMapper json, EventFieldCipher cipher) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.cipher = cipher;
    }

    /** Makes a token for the purpose and asks for the email that carries it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void send(User user, Purpose purpose) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var expiresAt = now.plus(purpose == Purpose.VERIFY_EMAIL ? VERIFY_EMAIL_VALIDITY : RESET_PASSWORD_VALIDITY);
        jdbc.sql("insert into account_tokens (token_hash, user_id, purpose, expires_at) values (?, ?, ?, ?)")
                .params(hash(token), user.id(), purpose.name(), Timestamp.from(expiresAt))
                .update();
        var eventId = UUID.randomUUID();
        var userId = AccountId.of(user.id());
        var request = new AccountEmailRequested(
                eventId,
                AccountEmailRequested.SCHEMA_VERSION,
                now,
                purpose,
                userId,
                user.email(),
                user.name(),
                cipher.encrypt(token, AccountEmailRequested.tokenAssociatedData(eventId, userId, purpose)),
                expiresAt);
        outbox.append(Topics.USER_EVENTS, user.id().toString(), json.writeValueAsString(request));
    }

    /**
     * Uses a token up: returns its user when the token exists for this purpose, is unused and unexpired.
     * Marking it used in the same statement makes a second use (even a concurrent one) find nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> redeem(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql(
                        """
                        update account_tokens set used_at = now()
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > now()
                        returning user_id""")
                .params(hash(token), purpose.name())
                .query(Long.class)
                .optional();
    }

    /**
     * Uses a token up, as {@link #redeem} does, and with it every other unused token of its user for the purpose: a
     * password reset through one link leaves no older link that still works (one in a mailbox read by someone else,
     * say). The user's unused tokens are locked first, in one order, so that two of their links redeemed at once take
     * turns rather than deadlock: the second finds its token used and is refused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> redeemRetiringTheOthers(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        var owner = jdbc.sql("select user_id from account_tokens where token_hash = ? and purpose = ?")
                .params(hash(token), purpose.name())
                .query(Long.class)
                .optional();
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql(
                        """
                        select token_hash from account_tokens
                        where user_id = ? and purpose = ? and used_at is null
                        order by token_hash
                        for no key update""")
                .params(owner.get(), purpose.name())
                .query(String.class)
                .list();
        var redeemed = redeem(token, purpose);
        redeemed.ifPresent(userId -> jdbc.sql(
                        "update account_tokens set used_at = now() where user_id = ? and purpose = ? and used_at is null")
                .params(userId, purpose.name())
                .update());
        return redeemed;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
