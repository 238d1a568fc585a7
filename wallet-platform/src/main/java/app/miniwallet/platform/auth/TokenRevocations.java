package app.miniwallet.platform.auth;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Access tokens that must no longer work although they have not expired: signed out (by token id),
 * or issued before the user's password was reset (by generation). Kept in PostgreSQL, so that every
 * instance of every service refuses them, and with a {@link RevocationMemory} also in memory, kept
 * current by NOTIFY: then a check asks the database only for a user it has not met lately, and
 * a revoked token is refused everywhere within the memory's delay of its revocation.
 */
public class TokenRevocations implements OAuth2TokenValidator<Jwt>, SmartLifecycle {

    private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token", "The token was revoked", null);

    private final JdbcClient jdbc;
    private final @Nullable RevocationMemory memory;

    /** Every check asks the database. */
    public TokenRevocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.memory = null;
    }

    /**
     * Checks from memory while it is current.
     *
     * @param listenerConnections where the memory's LISTEN connection comes from (not a pool's: it is held)
     * @param delay the longest a revoked token may still be accepted by this instance
     */
    public TokenRevocations(JdbcClient jdbc, DataSource listenerConnections, Duration delay) {
        this.jdbc = jdbc;
        this.memory = new RevocationMemory(jdbc, listenerConnections, delay);
    }

    /** Signs one token out; this instance refuses it from the commit on, the others within the memory's delay. */
    public void revoke(Jwt token) {
        var tokenId = UUID.fromString(token.getId());
        var expiresAt = token.getExpiresAt() == null ? Instant.now() : token.getExpiresAt();
        jdbc.sql(
                        """
                        insert into revoked_tokens (token_id, user_id, expires_at) values (?, ?, ?)
                        on conflict (token_id) do nothing""")
                .params(tokenId, AccessTokenClaims.accountOf(token).value(), Timestamp.from(expiresAt))
                .update();
        if (memory != null) {
            afterCommit(() -> memory.revoked(tokenId, expiresAt));
        }
    }

    /**
     * Signs every token of the user out; returns the generation new tokens get. This instance refuses the earlier
     * tokens from the commit on, the others within the memory's delay.
     */
    public long revokeAllOf(long userId) {
        var generation = jdbc.sql(
                        "update users set token_generation = token_generation + 1 where id = ? returning token_generation")
                .param(userId)
                .query(Long.class)
                .single();
        if (memory != null) {
            afterCommit(() -> memory.generationChanged(userId));
        }
        return generation;
    }

    /** Once the caller's transaction committed, or now if there is none. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    public boolean isRevoked(Jwt token) {
        UUID tokenId;
        long user;
        long generation;
        try {
            tokenId = UUID.fromString(token.getId());
            user = AccessTokenClaims.accountOf(token).value();
            generation = AccessTokenClaims.generationOf(token);
        } catch (RuntimeException unreadableClaims) {
            return true;
        }
        var known = memory == null ? Optional.<Boolean>empty() : memory.isRevoked(tokenId, user, generation);
        return known.orElseGet(() -> jdbc.sql(
                        """
                        select exists (select 1 from revoked_tokens where token_id = :token_id)
                            or not exists (select 1 from users where id = :user_id and token_generation = :generation)""")
                .param("token_id", tokenId)
                .param("user_id", user)
                .param("generation", generation)
                .query(Boolean.class)
                .single());
    }

    @Override
    public void start() {
        if (memory != null) {
            memory.start();
        }
    }

    @Override
    public void stop() {
        if (memory != null) {
            memory.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return memory != null && memory.isRunning();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return isRevoked(token) ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }
}
