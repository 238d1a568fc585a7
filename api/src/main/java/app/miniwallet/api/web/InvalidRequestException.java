package app.miniwallet.api.web;

import java.util.List;

/** A request that is well-formed JSON but not acceptable: answered 422 with every field's reason. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(violations.toString());
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(new FieldViolation(field, reason)));
    }

    public static void throwIfAny(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
