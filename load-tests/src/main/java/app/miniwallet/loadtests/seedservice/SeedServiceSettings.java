package app.miniwallet.loadtests.seedservice;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwtSecret the HMAC-SHA256 key the wallet signs its access tokens with (SEED_SERVICE_JWT_SECRET), so that the
 *     benchmark's tokens are good for both; at least 32 bytes
 */
@ConfigurationProperties("seed-service")
record SeedServiceSettings(String jwtSecret) {

    SeedServiceSettings {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(
                    "seed-service.jwt-secret (SEED_SERVICE_JWT_SECRET) must be set to at least 32 bytes");
        }
    }

    SecretKey signingKey() {
        return new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
