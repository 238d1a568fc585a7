package app.miniwallet.api.transfer;

import app.miniwallet.api.transfer.Refusal.EmailNotVerified;
import app.miniwallet.api.transfer.Refusal.InvalidFields;
import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Accepts transfers and top-ups: judges them by {@link TransferRules}, then {@link AcceptedTransfers} writes the
 * PENDING transfer and its outbox message in one transaction (shared with other requests arriving at once). It
 * answers with a {@link Submission}, never with HTTP: the controller maps each outcome to its status.
 */
@Service
public class TransferSubmission {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final Transfers transfers;
    private final AcceptedTransfers accepted;
    private final UserAccounts accounts;
    private final TransferRules rules;
    private final TopUps topUps;

    TransferSubmission(
            Transfers transfers,
            AcceptedTransfers accepted,
            UserAccounts accounts,
            TransferSettings settings,
            TopUps topUps) {
        this.topUps = topUps;
        this.transfers = transfers;
        this.accepted = accepted;
        this.accounts = accounts;
        this.rules = new TransferRules(settings);
    }

    public Submission transfer(AccountId sender, AccountId receiver, Money amount, String idempotencyKey) {
        var parties = accounts.paymentParties(sender, receiver);
        if (!parties.senderVerified()) {
            return new Submission.Refused(new EmailNotVerified());
        }
        var fingerprint = fingerprint(TransferKind.TRANSFER, receiver, amount);
        var earlier = earlierSubmission(sender, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        var violations = rules.transferViolations(sender, receiver, amount, parties);
        if (!violations.isEmpty()) {
            return new Submission.Refused(new InvalidFields(violations));
        }
        var fee = rules.feeFor(amount);
        return accept(
                sender,
                fingerprint,
                acceptedAt -> Transfer.accepted(
                        TransferKind.TRANSFER, sender, sender, receiver, amount, fee, fingerprint, acceptedAt),
                idempotencyKey);
    }

    /**
     * What a transfer would cost, checked exactly as a submission is, with nothing written.
     *
     * @param receiver null while the person has not chosen one yet
     */
    public Quote quote(AccountId sender, AccountId receiver, Money amount) {
        var parties = accounts.paymentParties(sender, receiver);
        if (!parties.senderVerified()) {
            return new Quote.Refused(new EmailNotVerified());
        }
        var violations = rules.transferViolations(sender, receiver, amount, parties);
        if (!violations.isEmpty()) {
            return new Quote.Refused(new InvalidFields(violations));
        }
        return new Quote.Quoted(amount, rules.feeFor(amount));
    }

    /**
     * Money in: in instant mode credited through the pipeline at once, in provider mode awaiting its payment (see
     * {@link TopUps}). Either way within the user's daily limit.
     */
    public Submission topUp(AccountId user, Money amount, String idempotencyKey) {
        return topUp(user, amount, idempotencyKey, false);
    }

    /**
     * A top-up whose money is known to have arrived: into the pipeline at once, whatever the mode. Only for the dev
     * profile's demo users' opening balance; no endpoint calls it.
     */
    public Submission paidTopUp(AccountId user, Money amount, String idempotencyKey) {
        return topUp(user, amount, idempotencyKey, true);
    }

    private Submission topUp(AccountId user, Money amount, String idempotencyKey, boolean paid) {
        if (!accounts.isEmailVerified(user)) {
            return new Submission.Refused(new EmailNotVerified());
        }
        var fingerprint = fingerprint(TransferKind.TOP_UP, user, amount);
        var earlier = earlierSubmission(user, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        var violations = rules.topUpViolations(amount);
        if (!violations.isEmpty()) {
            return new Submission.Refused(new InvalidFields(violations));
        }
        var written = topUps.write(user, amount, fingerprint, idempotencyKey, paid);
        if (written instanceof TopUps.Written.New created) {
            return new Submission.Accepted(created.topUp());
        }
        if (written instanceof TopUps.Written.OverLimit over) {
            return new Submission.Refused(InvalidFields.of(
                    "amount",
                    "is more than you may still top up: at most %s in 24 hours, %s of it left"
                            .formatted(over.limit(), over.left())));
        }
        // the same key was accepted by a concurrent request a moment ago: answer as a replay
        return earlierSubmission(user, idempotencyKey, fingerprint)
                .orElseThrow(() -> new IllegalStateException(
                        "idempotency key " + idempotencyKey + " is taken, yet no top-up has it"));
    }

    public Optional<Transfer> find(TransferId id) {
        return transfers.findById(id);
    }

    private Submission accept(
            AccountId requestedBy, String fingerprint, Function<Instant, Transfer> acceptedAt, String idempotencyKey) {
        return accepted.write(requestedBy, acceptedAt, idempotencyKey)
                .<Submission>map(Submission.Accepted::new)
                // the same key was accepted by a concurrent request a moment ago: answer as a replay
                .orElseGet(() -> earlierSubmission(requestedBy, idempotencyKey, fingerprint)
                        .orElseThrow(() -> new IllegalStateException(
                                "idempotency key " + idempotencyKey + " is taken, yet no transfer has it")));
    }

    /** The answer an earlier request with this key gets again, or the refusal of a key that cannot be used. */
    private Optional<Submission> earlierSubmission(AccountId requestedBy, String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return Optional.of(
                    new Submission.Refused(InvalidFields.of(IDEMPOTENCY_KEY, "must be 1 to 255 characters")));
        }
        return transfers
                .findByIdempotencyKey(requestedBy, idempotencyKey)
                .map(earlier -> earlier.requestFingerprint().equals(fingerprint)
                        ? new Submission.Replayed(earlier)
                        : new Submission.Refused(
                                InvalidFields.of(IDEMPOTENCY_KEY, "was already used for a different request")));
    }

    private static String fingerprint(TransferKind kind, AccountId counterparty, Money amount) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + "|" + counterparty + "|" + amount.minor()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
