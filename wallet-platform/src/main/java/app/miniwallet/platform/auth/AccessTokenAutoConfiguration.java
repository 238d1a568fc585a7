package app.miniwallet.platform.auth;

import app.miniwallet.platform.database.NotificationListener;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
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
    TokenRevocations tokenRevocations(JdbcClient jdbc, JdbcConnectionDetails database, AuthSettings settings) {
        return settings.revocationDelay().isZero()
                ? new TokenRevocations(jdbc)
                : new TokenRevocations(jdbc, NotificationListener.ownConnections(database), settings.revocationDelay());
    }

    @Bean
    JwtDecoder jwtDecoder(AuthSettings settings, TokenRevocations revocations) {
        var decoder = NimbusJwtDecoder.withSecretKey(settings.signingKey())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // The issuer is a name, not a URL. The default conversion tries it as a URL first, and java.net.URI
        // throws (and fills in the stack trace of) an exception for every token before the name is kept as it is.
        decoder.setClaimSetConverter(
                MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, issuer -> issuer)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(AccessTokenClaims.ISSUER), revocations));
        return decoder;
    }
}
