package app.miniwallet.loadtests.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs access tokens exactly as the api's AccessTokens does (HS256 with the shared secret; issuer "mini-wallet",
 * subject the user id, a unique jti, token generation 0), so that ten thousand users need not sign in one by one.
 */
public final class AccessTokenSigner {

    private static final String ISSUER = "mini-wallet";
    private static final String HEADER = encode("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final Duration validity;

    public AccessTokenSigner(String secret, Duration validity) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.validity = validity;
    }

    public String tokenFor(long userId, Instant now) {
        var claims = "{\"iss\":\"%s\",\"sub\":\"%d\",\"jti\":\"%s\",\"iat\":%d,\"exp\":%d,\"tgen\":0}"
                .formatted(
                        ISSUER,
                        userId,
                        UUID.randomUUID(),
                        now.getEpochSecond(),
                        now.plus(validity).getEpochSecond());
        var signingInput = HEADER + "." + encode(claims.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + encode(sign(signingInput));
    }

    private byte[] sign(String signingInput) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
