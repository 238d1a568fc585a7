package app.miniwallet.platform.operator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service's actuator behind the operator's credential: anonymous callers get only health's status
 * ({@code {"status":"UP"}}, the details need the credential: {@code management.endpoint.health.show-details:
 * when-authorized}, and {@link StatusOnlyHealthFilter} for the health groups' names), and everything else under {@code /actuator}, metrics included, is the operator's. This chain
 * comes before a service's own, so the api's bearer tokens never reach the actuator.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@EnableConfigurationProperties(OperatorSettings.class)
public class OperatorSecurityAutoConfiguration {

    /** An authentication provider of ours: Boot then makes no user of its own with a generated password. */
    @Bean
    OperatorCredential operatorCredential(OperatorSettings settings) {
        return new OperatorCredential(settings);
    }

    @Bean
    OperatorSecurity operatorSecurity(OperatorSettings settings, OperatorCredential credential, JsonMapper json) {
        return new OperatorSecurity(settings, credential, json);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, OperatorSecurity operator, JsonMapper json)
            throws Exception {
        return operator.operatorOnly(
                http.securityMatcher("/actuator", "/actuator/**")
                        .addFilterAfter(new StatusOnlyHealthFilter(json), AuthorizationFilter.class),
                "the actuator (/actuator/**, all but health)",
                "/actuator/health",
                "/actuator/health/**");
    }
}
