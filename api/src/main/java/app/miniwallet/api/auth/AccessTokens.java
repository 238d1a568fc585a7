package app.miniwallet.api.auth;

import app.miniwallet.api.user.User;
import app.miniwallet.platform.auth.AccessTokenClaims;
import app.miniwallet.platform.auth.AuthSettings;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues access tokens: subject = user id, a unique jti (so a token can be revoked), name and email. */
@Component
public class AccessTokens {

    private final JwtEncoder encoder;
    private final AuthSettings settings;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, AuthSettings settings) {
        this.encoder = encoder;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    public AccessToken issueFor(User user) {
        var now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(AccessTokenClaims.ISSUER)
                .subject(user.id().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(settings.tokenTtl()))
                .claim("name", user.name())
                .claim("email", user.email())
                .claim(AccessTokenClaims.GENERATION, user.tokenGeneration())
                .build();
        var header = JwsHeader.with(MacAlgorithm.HS256).build();
        var token = encoder.encode(JwtEncoderParameters.from(header, claims));
        return new AccessToken(token.getTokenValue(), settings.tokenTtl().toSeconds());
    }

    public record AccessToken(String value, long expiresInSeconds) {}
}
