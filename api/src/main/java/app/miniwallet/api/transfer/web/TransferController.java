package app.miniwallet.api.transfer.web;

import app.miniwallet.api.transfer.Quote;
import app.miniwallet.api.transfer.Refusal;
import app.miniwallet.api.transfer.Submission;
import app.miniwallet.api.transfer.TopUps;
import app.miniwallet.api.transfer.Transfer;
import app.miniwallet.api.transfer.TransferSubmission;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.api.web.Problems;
import app.miniwallet.api.web.RequestFields;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.platform.auth.AccessTokenClaims;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class TransferController {

    private final TransferSubmission submission;
    private final TopUps topUps;

    TransferController(TransferSubmission submission, TopUps topUps) {
        this.submission = submission;
        this.topUps = topUps;
    }

    @PostMapping("/api/transfers")
    ResponseEntity<AcceptedTransfer> submit(
            @AuthenticationPrincipal Jwt token,
            @RequestBody TransferRequestBody body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var violations = new ArrayList<FieldViolation>();
        var receiver = RequestFields.userId(body.receiverId(), "receiver_id", violations);
        var amount = RequestFields.amount(body.amount(), "amount", violations);
        InvalidRequestException.throwIfAny(violations);
        return answer(submission.transfer(AccessTokenClaims.accountOf(token), receiver, amount, idempotencyKey));
    }

    /** The page's validation while typing: the submit's own checks and the fee, nothing written. */
    @PostMapping("/api/transfers/quote")
    QuoteView quote(@AuthenticationPrincipal Jwt token, @RequestBody TransferRequestBody body) {
        var violations = new ArrayList<FieldViolation>();
        // the form asks as the amount is typed, before a receiver is chosen: then only the amount is judged
        var receiver = RequestFields.isMissing(body.receiverId())
                ? null
                : RequestFields.userId(body.receiverId(), "receiver_id", violations);
        var amount = RequestFields.amount(body.amount(), "amount", violations);
        InvalidRequestException.throwIfAny(violations);
        var quote = submission.quote(AccessTokenClaims.accountOf(token), receiver, amount);
        if (quote instanceof Quote.Quoted quoted) {
            return new QuoteView(
                    quoted.amount().toString(),
                    quoted.fee().toString(),
                    quoted.total().toString());
        }
        throw refusedFor(((Quote.Refused) quote).refusal());
    }

    @PostMapping("/api/wallet/top-ups")
    ResponseEntity<AcceptedTransfer> topUp(
            @AuthenticationPrincipal Jwt token,
            @RequestBody TopUpRequestBody body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var violations = new ArrayList<FieldViolation>();
        var amount = RequestFields.amount(body.amount(), "amount", violations);
        InvalidRequestException.throwIfAny(violations);
        return answer(submission.topUp(AccessTokenClaims.accountOf(token), amount, idempotencyKey));
    }

    @GetMapping("/api/transfers/{id}")
    TransferView status(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        var caller = AccessTokenClaims.accountOf(token);
        return parse(id)
                .flatMap(submission::find)
                .filter(transfer -> transfer.isVisibleTo(caller))
                .map(TransferView::of)
                // someone else's transfer is answered exactly like one that does not exist
                .orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND, "There is no such transfer."));
    }

    private static java.util.Optional<TransferId> parse(String id) {
        try {
            return java.util.Optional.of(TransferId.parse(id));
        } catch (IllegalArgumentException notAnId) {
            return java.util.Optional.empty();
        }
    }

    private ResponseEntity<AcceptedTransfer> answer(Submission submission) {
        if (submission instanceof Submission.Accepted accepted) {
            return accepted(accepted.transfer(), false);
        }
        if (submission instanceof Submission.Replayed replayed) {
            return accepted(replayed.transfer(), true);
        }
        throw refusedFor(((Submission.Refused) submission).refusal());
    }

    private ResponseEntity<AcceptedTransfer> accepted(Transfer transfer, boolean replayed) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/transfers/" + transfer.id()))
                .header("Idempotent-Replayed", Boolean.toString(replayed))
                .body(AcceptedTransfer.of(transfer, topUps.checkoutUrl(transfer).orElse(null)));
    }

    private static RuntimeException refusedFor(Refusal refusal) {
        if (refusal instanceof Refusal.InvalidFields invalid) {
            return new InvalidRequestException(invalid.violations());
        }
        return Problems.exception(
                HttpStatus.FORBIDDEN,
                "Your email address is not verified yet. Open the link we emailed you, then try again.");
    }

    record TransferRequestBody(JsonNode receiverId, JsonNode amount) {}

    record TopUpRequestBody(JsonNode amount) {}

    record QuoteView(String amount, String fee, String total) {}

    /**
     * The answer to a submission; a replay with the same Idempotency-Key gets the very same one. A top-up that waits
     * for its payment is AWAITING_PAYMENT, with the provider's page where the user pays it.
     */
    record AcceptedTransfer(
            String id,
            String status,
            long senderId,
            long receiverId,
            String amount,
            String fee,
            Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) URI checkoutUrl) {

        static AcceptedTransfer of(Transfer transfer, URI checkoutUrl) {
            return new AcceptedTransfer(
                    transfer.id().toString(),
                    checkoutUrl != null ? TransferStatus.AWAITING_PAYMENT.name() : TransferStatus.PENDING.name(),
                    transfer.senderId().value(),
                    transfer.receiverId().value(),
                    transfer.amount().toString(),
                    transfer.fee().toString(),
                    transfer.createdAt(),
                    checkoutUrl);
        }
    }

    record TransferView(
            String id,
            String kind,
            String status,
            String reason,
            long senderId,
            long receiverId,
            String amount,
            String fee,
            Instant createdAt,
            Instant completedAt) {

        static TransferView of(Transfer transfer) {
            return new TransferView(
                    transfer.id().toString(),
                    transfer.kind().name(),
                    transfer.status().name(),
                    transfer.reason() == null ? null : transfer.reason().name(),
                    transfer.senderId().value(),
                    transfer.receiverId().value(),
                    transfer.amount().toString(),
                    transfer.fee().toString(),
                    transfer.createdAt(),
                    transfer.completedAt());
        }
    }
}
