package app.miniwallet.platform.operator;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts paths behind the operator's credential, HTTP Basic, the same way on every service: the actuator (but anonymous
 * health) here in wallet-platform, the processor's admin API there. A bearer token is not a Basic credential, so a
 * user's access token gets the same 401 as no credential at all. With no operator password configured the paths are
 * disabled: every request to them is refused with 403, whatever it carries.
 */
public final class OperatorSecurity {

    private static final Logger log = LoggerFactory.getLogger(OperatorSecurity.class);

    /** The realm of the Basic challenge. */
    public static final String REALM = "wallet-operator";

    /** The operator's role, without Spring's {@code ROLE_} prefix; what health shows its details to. */
    public static final String ROLE = "OPERATOR";

    private final OperatorSettings settings;
    private final OperatorCredential credential;
    private final JsonMapper json;

    OperatorSecurity(OperatorSettings settings, OperatorCredential credential, JsonMapper json) {
        this.settings = settings;
        this.credential = credential;
        this.json = json;
    }

    /**
     * The filter chain for the requests {@code http}'s security matcher selects: the operator only, except the paths
     * in {@code open}, which anyone may call (and which see the operator as authenticated when the credential is
     * given).
     *
     * @param what what the paths are, for the log and the refusals ("the admin API (/admin/**)")
     */
    public SecurityFilterChain operatorOnly(HttpSecurity http, String what, String... open) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authenticationProvider(credential);
        if (!settings.enabled()) {
            log.warn(
                    "{} is disabled: no operator password is configured. Set WALLET_OPERATOR_PASSWORD (at least {}"
                            + " bytes) to enable it.",
                    capitalized(what),
                    OperatorSettings.MIN_PASSWORD_BYTES);
            var detail = capitalized(what) + " is disabled: this service has no operator password"
                    + " (WALLET_OPERATOR_PASSWORD).";
            AuthenticationEntryPoint disabled =
                    (request, response, exception) -> write(response, HttpStatus.FORBIDDEN, detail);
            AccessDeniedHandler alsoDisabled =
                    (request, response, exception) -> write(response, HttpStatus.FORBIDDEN, detail);
            return http.authorizeHttpRequests(requests -> {
                        if (open.length > 0) {
                            requests.requestMatchers(open).permitAll();
                        }
                        requests.anyRequest().denyAll();
                    })
                    .exceptionHandling(exceptions ->
                            exceptions.authenticationEntryPoint(disabled).accessDeniedHandler(alsoDisabled))
                    .build();
        }
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            write(response, HttpStatus.UNAUTHORIZED, "The operator's user name and password are required.");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                write(response, HttpStatus.FORBIDDEN, "Only the operator may do this.");
        return http.authorizeHttpRequests(requests -> {
                    if (open.length > 0) {
                        requests.requestMatchers(open).permitAll();
                    }
                    requests.anyRequest().hasRole(ROLE);
                })
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}
