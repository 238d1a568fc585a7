package app.miniwallet.analytics.web;

import app.miniwallet.analytics.streams.FiguresElsewhereException;
import app.miniwallet.analytics.streams.FiguresUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem details for what the API refuses; Spring's own (spring.mvc.problemdetails) cover the rest. */
@RestControllerAdvice
class AnalyticsProblems {

    /** Seconds a reader should wait before asking again while the figures are restored. */
    private static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameterException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request parameter");
        problem.setProperty("parameter", e.parameter());
        problem.setProperty("errors", List.of(Map.of("parameter", e.parameter(), "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownUser(UnknownUserException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown user");
        return problem;
    }

    private final ActiveInstance activeInstance;

    AnalyticsProblems(ActiveInstance activeInstance) {
        this.activeInstance = activeInstance;
    }

    @ExceptionHandler
    ResponseEntity<?> elsewhere(FiguresElsewhereException e, HttpServletRequest request) {
        if (ActiveInstance.wasForwarded(request)) {
            return unavailable(e);
        }
        return activeInstance
                .ask(e.holder(), request)
                .<ResponseEntity<?>>map(answer -> answer)
                .orElseGet(() -> unavailable(e));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(FiguresUnavailableException e) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The figures cannot be read now: " + e.getMessage());
        problem.setTitle("Figures not available yet");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
