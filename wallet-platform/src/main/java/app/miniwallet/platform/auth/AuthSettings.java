package app.miniwallet.platform.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwtSecret HMAC-SHA256 key of the access tokens, shared by every service that verifies them
 *     (WALLET_AUTH_JWT_SECRET); at least 32 bytes
 * @param tokenTtl how long an access token is valid
 * @param revocationDelay the longest a signed-out token (or one from before a password reset) may still be accepted by
 *     an instance; revocations are then kept in memory and heard by NOTIFY. 0: every check asks the database;
 *     otherwise at least 100 ms, since the memory's listener checks its connection four times within it
 */
@ConfigurationProperties("wallet.auth")
public record AuthSettings(
        String jwtSecret, @DefaultValue("1h") Duration tokenTtl, @DefaultValue("1s") Duration revocationDelay) {

    public AuthSettings {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(
                    "wallet.auth.jwt-secret (WALLET_AUTH_JWT_SECRET) must be set to at least 32 bytes");
        }
        if (revocationDelay == null
                || revocationDelay.isNegative()
                || !revocationDelay.isZero() && revocationDelay.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("wallet.auth.revocation-delay must be 0 (off) or at least 100ms");
        }
    }

    public SecretKey signingKey() {
        return new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
