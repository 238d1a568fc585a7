package app.miniwallet.api.auth;

import app.miniwallet.platform.auth.AuthSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs access tokens with Spring Security's JOSE support; wallet-platform verifies them. */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    JwtEncoder jwtEncoder(AuthSettings settings) {
        return NimbusJwtEncoder.withSecretKey(settings.signingKey())
                .algorithm(MacAlgorithm.HS256)
                .build();
    }
}
