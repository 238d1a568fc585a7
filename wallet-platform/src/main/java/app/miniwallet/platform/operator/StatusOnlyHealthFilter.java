package app.miniwallet.platform.operator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cuts {@code /actuator/health} down to its status for anyone but the operator. {@code show-details} and
 * {@code show-components} hide the components, but the root document still names the health groups (liveness,
 * readiness); an anonymous caller gets {@code {"status":"UP"}} (or DOWN, with its 503) and nothing else.
 */
final class StatusOnlyHealthFilter extends OncePerRequestFilter {

    private static final String HEALTH = "/actuator/health";
    private static final UrlPathHelper PATHS = UrlPathHelper.defaultInstance;

    private final JsonMapper json;

    StatusOnlyHealthFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // decoded, as the endpoint is matched: "/actuator/%68ealth" is health too
        var path = PATHS.getPathWithinApplication(request);
        return !path.equals(HEALTH) && !path.equals(HEALTH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isOperator()) {
            chain.doFilter(request, response);
            return;
        }
        var cached = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, cached);
        var body = cached.getContentAsByteArray();
        try {
            var status = json.readTree(body).path("status");
            if (status.isString()) {
                cached.resetBuffer();
                cached.getOutputStream().write(json.writeValueAsBytes(Map.of("status", status.asString())));
            }
        } catch (JacksonException e) {
            // not the health document (an error page): passed on as it is
        }
        cached.copyBodyToResponse();
    }

    private static boolean isOperator() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> ("ROLE_" + OperatorSecurity.ROLE).equals(authority.getAuthority()));
    }
}
