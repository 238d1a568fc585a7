package app.miniwallet.loadtests.fault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs access tokens the way the api does (HS256 with the shared secret; issuer, subject = user id, a unique jti,
 * token generation 0), so a load generator needs no sign-in, which is throttled and slow on purpose.
 */
final class AccessTokenSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER =
            BASE64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;

    AccessTokenSigner(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Valid long enough for the longest fault run. */
    String tokenFor(long userId) {
        var now = Instant.now().getEpochSecond();
        var claims = "{\"iss\":\"mini-wallet\",\"sub\":\"%d\",\"jti\":\"%s\",\"iat\":%d,\"exp\":%d,\"tgen\":0}"
                .formatted(
                        userId,
                        UUID.randomUUID(),
                        now,
                        now + Duration.ofHours(12).toSeconds());
        var unsigned = HEADER + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return unsigned + "." + BASE64URL.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
