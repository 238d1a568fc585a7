package app.miniwallet.testsupport.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs access tokens as the api's AccessTokens does at sign-in (HS256 with the shared secret; issuer "mini-wallet",
 * the user id as subject, a unique token id, issued-at and expiry, token generation 0), so that a test or a benchmark
 * need not sign its users in one by one. The services check these tokens with wallet-platform's
 * AccessTokenAutoConfiguration; a signer with another secret, another issuer or an expiry in the past makes the
 * tokens they must refuse.
 */
public final class AccessTokenSigner {

    /** The issuer the services accept: wallet-platform's {@code AccessTokenClaims.ISSUER}. */
    public static final String ISSUER = "mini-wallet";

    private static final String HEADER = encode("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    /** A signed token, and its id ({@code jti}) for a test that revokes it. */
    public record AccessToken(String value, UUID id) {}

    private final SecretKeySpec key;
    private final Duration validity;
    private final String issuerClaim;

    public AccessTokenSigner(String secret, Duration validity) {
        this(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), validity, issuerClaim(ISSUER));
    }

    private AccessTokenSigner(SecretKeySpec key, Duration validity, String issuerClaim) {
        this.key = key;
        this.validity = validity;
        this.issuerClaim = issuerClaim;
    }

    /** This signer, naming another issuer in its tokens. */
    public AccessTokenSigner issuedBy(String issuer) {
        return new AccessTokenSigner(key, validity, issuerClaim(issuer));
    }

    /** This signer, naming no issuer in its tokens. */
    public AccessTokenSigner withoutIssuer() {
        return new AccessTokenSigner(key, validity, "");
    }

    /** A token for the user, issued at {@code issuedAt} and valid for this signer's validity from then. */
    public AccessToken sign(long userId, Instant issuedAt) {
        var id = UUID.randomUUID();
        var claims = "{%s\"sub\":\"%d\",\"jti\":\"%s\",\"iat\":%d,\"exp\":%d,\"tgen\":0}"
                .formatted(
                        issuerClaim,
                        userId,
                        id,
                        issuedAt.getEpochSecond(),
                        issuedAt.plus(validity).getEpochSecond());
        var signingInput = HEADER + "." + encode(claims.getBytes(StandardCharsets.UTF_8));
        return new AccessToken(signingInput + "." + encode(mac(signingInput)), id);
    }

    private byte[] mac(String signingInput) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static String issuerClaim(String issuer) {
        if (!issuer.matches("[A-Za-z0-9._:/-]+")) {
            throw new IllegalArgumentException("an issuer the claims can carry without escaping, not " + issuer);
        }
        return "\"iss\":\"" + issuer + "\",";
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
