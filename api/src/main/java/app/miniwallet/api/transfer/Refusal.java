package app.miniwallet.api.transfer;

import app.miniwallet.api.web.FieldViolation;
import java.util.List;

/** Why a transfer, top-up or quote is refused; nothing is written. */
public sealed interface Refusal {

    /** The person has not verified their email address yet. */
    record EmailNotVerified() implements Refusal {}

    /** Fields that are wrong, each with its reason. */
    record InvalidFields(List<FieldViolation> violations) implements Refusal {

        public InvalidFields {
            violations = List.copyOf(violations);
        }

        static InvalidFields of(String field, String reason) {
            return new InvalidFields(List.of(new FieldViolation(field, reason)));
        }
    }
}
