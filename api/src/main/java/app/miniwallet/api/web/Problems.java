package app.miniwallet.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem details, the one shape of every error the API answers. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    /** Answers with the problem where no controller advice can (servlet filters, security handlers). */
    public static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    public static ErrorResponseException exception(HttpStatus status, String detail) {
        return new ErrorResponseException(status, of(status, detail), null);
    }

    static ProblemDetail invalid(List<FieldViolation> violations) {
        var problem = of(HttpStatus.UNPROCESSABLE_CONTENT, summary(violations));
        problem.setTitle("The request is not valid");
        problem.setProperty("errors", violations);
        return problem;
    }

    private static String summary(List<FieldViolation> violations) {
        return String.join(
                "; ", violations.stream().map(v -> v.field() + " " + v.reason()).toList());
    }
}
