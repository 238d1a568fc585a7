package app.miniwallet.api.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwtSecret HMAC-SHA256 key for access tokens, shared with every service that verifies them
 * @param tokenTtl how long an access token is valid
 */
@ConfigurationProperties("wallet.auth")
public record AuthSettings(String jwtSecret, Duration tokenTtl) {

    public AuthSettings {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(
                    "wallet.auth.jwt-secret (WALLET_AUTH_JWT_SECRET) must be set to at least 32 bytes");
        }
    }
}
