package app.miniwallet.loadtests.seedservice;

import app.miniwallet.contracts.money.InvalidAmountException;
import app.miniwallet.contracts.money.Money;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/transfers} with the wallet's body; 201 with the completed transfer once it is committed, 422 with a
 * problem naming the field or the reason otherwise.
 */
@RestController
class TransferController {

    /** The wallet's transfer request. */
    record TransferRequest(@JsonProperty("receiver_id") Long receiverId, String amount) {}

    /** The transfer as it was committed. */
    record TransferResponse(
            UUID id,
            String status,
            @JsonProperty("sender_id") long senderId,
            @JsonProperty("receiver_id") long receiverId,
            String amount,
            String fee) {}

    /** A field the request got wrong, and why. */
    record FieldViolation(String field, String reason) {}

    private final Transfers transfers;

    TransferController(Transfers transfers) {
        this.transfers = transfers;
    }

    @PostMapping("/api/transfers")
    ResponseEntity<?> transfer(@AuthenticationPrincipal Jwt token, @RequestBody TransferRequest request) {
        var violations = new ArrayList<FieldViolation>();
        if (request.receiverId() == null) {
            violations.add(new FieldViolation("receiver_id", "must be given"));
        }
        Money amount = null;
        try {
            amount = Money.parse(request.amount());
            if (!amount.isPositive()) {
                violations.add(new FieldViolation("amount", "must be positive"));
            }
        } catch (InvalidAmountException e) {
            violations.add(new FieldViolation("amount", e.getMessage()));
        }
        if (!violations.isEmpty()) {
            return problem(invalid(violations));
        }
        var outcome = transfers.transfer(Long.parseLong(token.getSubject()), request.receiverId(), amount.minor());
        if (outcome instanceof Transfers.Completed done) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new TransferResponse(
                            done.id(),
                            "COMPLETED",
                            done.senderId(),
                            done.receiverId(),
                            Money.ofMinor(done.amountMinor()).toString(),
                            Money.ofMinor(done.feeMinor()).toString()));
        }
        return problem(rejection(((Transfers.Rejected) outcome).reason()));
    }

    private static ProblemDetail invalid(List<FieldViolation> violations) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_CONTENT,
                String.join(
                        "; ",
                        violations.stream()
                                .map(v -> v.field() + " " + v.reason())
                                .toList()));
        problem.setTitle("The request is not valid");
        problem.setProperty("errors", violations);
        return problem;
    }

    private static ProblemDetail rejection(Transfers.Reason reason) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_CONTENT,
                switch (reason) {
                    case SAME_ACCOUNT -> "receiver_id is your own account";
                    case UNKNOWN_SENDER -> "you have no account";
                    case UNKNOWN_RECEIVER -> "receiver_id names no account";
                    case INSUFFICIENT_FUNDS -> "the balance does not cover the amount and the fee";
                });
        problem.setTitle("The transfer was rejected");
        problem.setProperty("reason", reason.name());
        return problem;
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
