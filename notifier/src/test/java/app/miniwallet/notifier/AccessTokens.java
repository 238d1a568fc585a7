package app.miniwallet.notifier;

import app.miniwallet.notifier.TestUsers.TestUser;
import app.miniwallet.platform.auth.AccessTokenClaims;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Access tokens as the API signs them at login: HS256, issuer, subject, token id, generation. */
final class AccessTokens {

    static final String SECRET = WalletTestStack.JWT_SECRET;

    /** A token the API would sign, with its id, so a test can revoke it. */
    record AccessToken(String value, String id) {}

    private AccessTokens() {}

    static AccessToken validFor(TestUser user) {
        var now = Instant.now();
        return sign(SECRET, user, now, now.plus(Duration.ofHours(1)));
    }

    static AccessToken expiredFor(TestUser user) {
        var issued = Instant.now().minus(Duration.ofHours(3));
        return sign(SECRET, user, issued, issued.plus(Duration.ofHours(1)));
    }

    static AccessToken signedWithAnotherKeyFor(TestUser user) {
        var now = Instant.now();
        return sign("someone-else-s-secret-0123456789abcdef-01234", user, now, now.plus(Duration.ofHours(1)));
    }

    private static AccessToken sign(String secret, TestUser user, Instant issuedAt, Instant expiresAt) {
        var encoder = NimbusJwtEncoder.withSecretKey(
                        new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .algorithm(MacAlgorithm.HS256)
                .build();
        var id = UUID.randomUUID().toString();
        var claims = JwtClaimsSet.builder()
                .issuer(AccessTokenClaims.ISSUER)
                .subject(user.id().toString())
                .id(id)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim(AccessTokenClaims.GENERATION, 0)
                .build();
        var token = encoder.encode(
                JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return new AccessToken(token.getTokenValue(), id);
    }
}
