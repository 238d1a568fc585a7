package app.miniwallet.api.auth;

import app.miniwallet.api.web.PageContentSecurityPolicy;
import app.miniwallet.api.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security: every /api endpoint but sign-in and the payment provider's webhook needs a valid
 * access token. Every response
 * carries the page's Content-Security-Policy ({@link PageContentSecurityPolicy}), no referrer, and no camera,
 * microphone, geolocation or payment for the page.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json, PageContentSecurityPolicy page)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            writeProblem(response, json, HttpStatus.UNAUTHORIZED, "A valid access token is required.");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                writeProblem(response, json, HttpStatus.FORBIDDEN, "You may not do this.");
        return http.csrf(csrf -> csrf.disable())
                // on every response, the page's and the API's alike: the API's are read by the same page
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(page.header()))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicyHeader(permissions ->
                                permissions.policy("camera=(), microphone=(), geolocation=(), payment=()")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.POST,
                                "/api/auth/login",
                                "/api/auth/register",
                                "/api/auth/verify-email",
                                "/api/auth/forgot-password",
                                "/api/auth/reset-password",
                                // the payment provider's: authenticated by its signature (PaymentWebhookController)
                                "/api/payments/webhook")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/config")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * No observation around every security filter, the authentication and the authorization: traces nobody collects
     * here, for a large share of the api's CPU per request when they were recorded, and still a wrapper and a context
     * per filter and request when merely disabled by property (see docs/performance-log.md, "What profiling changed"
     * and "Two costs per request found in the api's allocation profile"). The HTTP request observation stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** A request the firewall refuses (control characters, encoded slashes, ...) is the client's: 400. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return (request, response, rejection) ->
                writeProblem(response, json, HttpStatus.BAD_REQUEST, "The request was refused as malformed.");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static void writeProblem(
            jakarta.servlet.http.HttpServletResponse response, JsonMapper json, HttpStatus status, String detail)
            throws java.io.IOException {
        Problems.write(response, json, Problems.of(status, detail));
    }
}
