package app.miniwallet.processor.operator;

import app.miniwallet.platform.operator.OperatorSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin API ({@code /admin/**}) is the operator's, with the credential every service's actuator takes
 * (wallet-platform's {@link OperatorSecurity}). With no operator password configured it refuses every request (403).
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfiguration {

    @Bean
    SecurityFilterChain operatorApi(HttpSecurity http, OperatorSecurity operator) throws Exception {
        return operator.operatorOnly(http.securityMatcher("/admin/**"), "the admin API (/admin/**)");
    }
}
