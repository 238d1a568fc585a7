package app.miniwallet.platform.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens that must no longer work although they have not expired: signed out (by token id),
 * or issued before the user's password was reset (by generation). Kept in PostgreSQL so that every
 * instance of every service refuses them at once.
 */
public class TokenRevocations implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token", "The token was revoked", null);

    private final JdbcClient jdbc;

    public TokenRevocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Signs one token out. */
    public void revoke(Jwt token) {
        jdbc.sql(
                        """
                        insert into revoked_tokens (token_id, user_id, expires_at) values (?, ?, ?)
                        on conflict (token_id) do nothing""")
                .params(
                        UUID.fromString(token.getId()),
                        AccessTokenClaims.accountOf(token).value(),
                        Timestamp.from(token.getExpiresAt() == null ? Instant.now() : token.getExpiresAt()))
                .update();
    }

    /** Signs every token of the user out; returns the generation new tokens get. */
    public long revokeAllOf(long userId) {
        return jdbc.sql(
                        "update users set token_generation = token_generation + 1 where id = ? returning token_generation")
                .param(userId)
                .query(Long.class)
                .single();
    }

    public boolean isRevoked(Jwt token) {
        UUID tokenId;
        try {
            tokenId = UUID.fromString(token.getId());
        } catch (RuntimeException noUsableId) {
            return true;
        }
        return jdbc.sql(
                        """
                        select exists (select 1 from revoked_tokens where token_id = :token_id)
                            or not exists (select 1 from users where id = :user_id and token_generation = :generation)""")
                .param("token_id", tokenId)
                .param("user_id", AccessTokenClaims.accountOf(token).value())
                .param("generation", AccessTokenClaims.generationOf(token))
                .query(Boolean.class)
                .single();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return isRevoked(token) ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }
}
