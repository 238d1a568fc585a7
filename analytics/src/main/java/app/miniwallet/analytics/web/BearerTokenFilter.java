package app.miniwallet.analytics.web;

import app.miniwallet.analytics.AnalyticsSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks for {@code Authorization: Bearer <wallet.analytics.token>} on the API when a token is configured. The page and
 * the health endpoint stay open: the page holds no figures, it asks the API for them with the token it is given.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final byte[] token;

    BearerTokenFilter(AnalyticsSettings settings) {
        this.token = settings.token().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null
                && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                // constant time, so the answer's timing tells nothing about how much of a guess was right
                && MessageDigest.isEqual(
                        token, authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wallet-analytics\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write(
                        """
                        {"type":"about:blank","title":"Unauthorized","status":401,\
                        "detail":"This API asks for Authorization: Bearer <token> (wallet.analytics.token)"}""");
    }
}
