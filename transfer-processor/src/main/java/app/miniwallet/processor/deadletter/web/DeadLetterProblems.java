package app.miniwallet.processor.deadletter.web;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for the admin API: Spring MVC's own (a malformed path or parameter is a 400, an unknown path a
 * 404), and a 503 to try again when Kafka or PostgreSQL cannot be reached. Nothing is half done then: a redrive whose
 * send failed was not recorded.
 */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
class DeadLetterProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProblems.class);

    @ExceptionHandler({KafkaException.class, DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        log.warn("Admin request failed: {}", e.toString());
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka or the database did not answer in time; nothing was redriven that is not recorded. Try again.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }
}
