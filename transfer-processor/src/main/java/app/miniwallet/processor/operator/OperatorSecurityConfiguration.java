package app.miniwallet.processor.operator;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic with the operator's credential for {@code /admin/**}, and nothing else: health, metrics and every other
 * path stay as open as before (no other filter chain, so Boot adds none). A bearer token is not a Basic credential,
 * so a user's access token gets the same 401 as no credential at all. With no operator password configured the admin
 * API is disabled: every request to it is refused with 403, whatever it carries.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OperatorSecurityConfiguration.class);

    static final String REALM = "wallet-operator";

    @Bean
    AuthenticationProvider operatorCredential(OperatorSettings settings) {
        return new OperatorCredential(settings);
    }

    @Bean
    SecurityFilterChain operatorApi(
            HttpSecurity http, OperatorSettings settings, AuthenticationProvider operatorCredential, JsonMapper json)
            throws Exception {
        http.securityMatcher("/admin/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authenticationProvider(operatorCredential);
        if (!settings.adminApiEnabled()) {
            log.warn(
                    "The admin API (/admin/**) is disabled: no operator password is configured."
                            + " Set WALLET_OPERATOR_PASSWORD (at least {} bytes) to enable it.",
                    OperatorSettings.MIN_PASSWORD_BYTES);
            AuthenticationEntryPoint disabled = (request, response, exception) -> writeDisabled(response, json);
            AccessDeniedHandler alsoDisabled = (request, response, exception) -> writeDisabled(response, json);
            return http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                    .exceptionHandling(exceptions ->
                            exceptions.authenticationEntryPoint(disabled).accessDeniedHandler(alsoDisabled))
                    .build();
        }
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            write(response, json, HttpStatus.UNAUTHORIZED, "The operator's user name and password are required.");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                write(response, json, HttpStatus.FORBIDDEN, "Only the operator may do this.");
        return http.authorizeHttpRequests(requests -> requests.anyRequest().hasRole(OperatorCredential.ROLE))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    private static void writeDisabled(HttpServletResponse response, JsonMapper json) throws IOException {
        write(
                response,
                json,
                HttpStatus.FORBIDDEN,
                "The admin API is disabled: this processor has no operator password (WALLET_OPERATOR_PASSWORD).");
    }

    private static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}
