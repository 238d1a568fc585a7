package app.miniwallet.api.web;

import app.miniwallet.platform.database.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database cannot be reached for a moment (restarting, failing over, out of connections) or gave up on a
 * transient conflict: that is not the client's fault and not a bug, and a retry a little later will do, so the answer
 * is a 503 with {@code Retry-After} instead of a 500. Nothing is half-written (every write is one transaction), and a
 * retried transfer with its {@code Idempotency-Key} is never made twice, even when the failed attempt committed.
 *
 * <p>Controllers' failures reach {@link ProblemResponses}, which asks {@link DatabaseOutage#causedBy}. This filter wraps every
 * request for the rest: the access-token check reads the database too (revocations), inside the security filters,
 * where no controller advice sees its failure.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class DatabaseUnavailable extends OncePerRequestFilter {

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    private final JsonMapper json;

    DatabaseUnavailable(JsonMapper json) {
        this.json = json;
    }

    private static ProblemDetail problem(HttpServletRequest request, Throwable failure) {
        log.warn(
                "{} {} answered 503, the database is unavailable: {}",
                request.getMethod(),
                request.getRequestURI(),
                failure.toString());
        var problem = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The wallet is unavailable for a moment. Please try again in " + RETRY_AFTER.toSeconds()
                        + " seconds; a transfer sent again with the same Idempotency-Key is never made twice.");
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    /** The answer to a controller's failure that {@link DatabaseOutage#causedBy} the database being unavailable. */
    static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, Throwable failure) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                .body(problem(request, failure));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
            Problems.write(response, json, problem(request, e));
        }
    }
}
