package app.miniwallet.platform.auth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies the wallet's access tokens the same way in every service that accepts them (the REST API,
 * the WebSocket feed): the HS256 signature with the shared key, expiry, issuer, and revocation.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        beforeName =
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnProperty("wallet.auth.jwt-secret")
@EnableConfigurationProperties(AuthSettings.class)
public class AccessTokenAutoConfiguration {

    @Bean
    TokenRevocations tokenRevocations(JdbcClient jdbc) {
        return new TokenRevocations(jdbc);
    }

    @Bean
    JwtDecoder jwtDecoder(AuthSettings settings, TokenRevocations revocations) {
        var decoder = NimbusJwtDecoder.withSecretKey(settings.signingKey())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(AccessTokenClaims.ISSUER), revocations));
        return decoder;
    }
}
