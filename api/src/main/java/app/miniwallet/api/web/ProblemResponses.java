package app.miniwallet.api.web;

import app.miniwallet.platform.database.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into problem+json: Spring MVC's own (415, 405, ...) through the base class, a
 * body that is not JSON into 400, an invalid request into 422 naming each field.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemResponses.class);

    /** character_not_in_repertoire (a NUL byte in text), untranslatable_character. */
    private static final java.util.Set<String> UNSTORABLE_CHARACTERS = java.util.Set.of("22021", "22P05");

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException exception) {
        return ResponseEntity.unprocessableContent().body(Problems.invalid(exception.violations()));
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException exception) {
        var seconds = Math.max(1, (exception.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS, exception.what() + ". Try again in " + seconds + " seconds."));
    }

    /**
     * Form parameters that cannot be read: broken percent-encoding (Tomcat refuses to decode it) or
     * names the security firewall rejects (control characters) when they are first looked at.
     */
    @ExceptionHandler({InvalidParameterException.class, RequestRejectedException.class})
    ResponseEntity<ProblemDetail> unreadableParameters(RuntimeException exception) {
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "The request's parameters cannot be read."));
    }

    /**
     * Text PostgreSQL cannot store, such as a NUL character in a name or a search: the client's input,
     * so a 400; the statement failed, so nothing was written.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> unstorableText(DataIntegrityViolationException exception, HttpServletRequest request)
            throws Exception {
        if (!(exception.getMostSpecificCause() instanceof SQLException sql)
                || !UNSTORABLE_CHARACTERS.contains(sql.getSQLState())) {
            return unexpected(exception, request);
        }
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "The request contains characters that cannot be stored, such as a NUL character."));
    }

    /**
     * The last resort: our fault, said without details; the details go to the log. Unless the database is
     * unavailable for a moment: then a 503 to retry (see {@link DatabaseUnavailable}).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception, HttpServletRequest request) throws Exception {
        if (exception instanceof RequestSizeLimit.BodyTooLargeException) {
            throw exception; // the size filter answers it
        }
        if (DatabaseOutage.causedBy(exception)) {
            return DatabaseUnavailable.answer(request, exception);
        }
        log.error("Unexpected failure", exception);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (exception.getCause() instanceof RequestSizeLimit.BodyTooLargeException tooLarge) {
            throw tooLarge;
        }
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
