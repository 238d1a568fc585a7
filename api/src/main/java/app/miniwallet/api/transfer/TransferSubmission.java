package app.miniwallet.api.transfer;

import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.api.web.Problems;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts transfers and top-ups: validates them, then {@link AcceptedTransfers} writes the PENDING
 * transfer and its outbox message in one transaction (shared with other requests arriving at once).
 * No balance lock here: the processor's locked check is the one that counts; the balance check below
 * only spares the user a transfer that would surely be rejected.
 */
@Service
public class TransferSubmission {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final Transfers transfers;
    private final AcceptedTransfers accepted;
    private final UserAccounts accounts;
    private final TransferSettings settings;

    TransferSubmission(
            Transfers transfers, AcceptedTransfers accepted, UserAccounts accounts, TransferSettings settings) {
        this.transfers = transfers;
        this.accepted = accepted;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** The outcome of a submission: the transfer, and whether an earlier identical request made it. */
    public record Submission(Transfer transfer, boolean replayed) {}

    public Submission transfer(AccountId sender, AccountId receiver, Money amount, String idempotencyKey) {
        var parties = accounts.paymentParties(sender, receiver);
        requireVerifiedEmail(parties.senderVerified());
        var fingerprint = fingerprint(TransferKind.TRANSFER, receiver, amount);
        var replay = replayOf(sender, idempotencyKey, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        var fee = check(sender, receiver, amount, parties).fee();
        return accept(
                sender,
                fingerprint,
                acceptedAt -> Transfer.accepted(
                        TransferKind.TRANSFER, sender, sender, receiver, amount, fee, fingerprint, acceptedAt),
                idempotencyKey);
    }

    /** What a transfer would cost, checked exactly as a submission is, with nothing written. */
    public record Quote(Money amount, Money fee) {

        public Money total() {
            return amount.plus(fee);
        }
    }

    /** @param receiver null while the person has not chosen one yet */
    public Quote quote(AccountId sender, AccountId receiver, Money amount) {
        var parties = accounts.paymentParties(sender, receiver);
        requireVerifiedEmail(parties.senderVerified());
        return check(sender, receiver, amount, parties);
    }

    private Quote check(AccountId sender, AccountId receiver, Money amount, UserAccounts.PaymentParties parties) {
        var violations = new ArrayList<FieldViolation>();
        checkAmount(amount, Money.ofMinor(1), settings.maxTransfer(), violations);
        // a quote may come before the receiver is chosen: then the amount alone is judged
        if (receiver != null && receiver.equals(sender)) {
            violations.add(new FieldViolation("receiver_id", "must be someone other than you"));
        } else if (receiver != null && !parties.receiverIsUser()) {
            violations.add(new FieldViolation("receiver_id", "does not name a Mini Wallet user"));
        }
        InvalidRequestException.throwIfAny(violations);

        var fee = settings.feeRule().feeFor(amount);
        var balance = parties.senderBalance();
        if (balance.isLessThan(amount.plus(fee))) {
            throw new InvalidRequestException(
                    "amount", "plus the fee of %s is more than your balance of %s".formatted(fee, balance));
        }
        return new Quote(amount, fee);
    }

    public Submission topUp(AccountId user, Money amount, String idempotencyKey) {
        requireVerifiedEmail(accounts.isEmailVerified(user));
        var fingerprint = fingerprint(TransferKind.TOP_UP, user, amount);
        var replay = replayOf(user, idempotencyKey, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        var violations = new ArrayList<FieldViolation>();
        checkAmount(amount, settings.smallestTopUp(), settings.largestTopUp(), violations);
        InvalidRequestException.throwIfAny(violations);
        return accept(
                user,
                fingerprint,
                acceptedAt -> Transfer.accepted(
                        TransferKind.TOP_UP,
                        user,
                        AccountId.CASH_IN,
                        user,
                        amount,
                        Money.ZERO,
                        fingerprint,
                        acceptedAt),
                idempotencyKey);
    }

    public Optional<Transfer> find(TransferId id) {
        return transfers.findById(id);
    }

    private Submission accept(
            AccountId requestedBy, String fingerprint, Function<Instant, Transfer> acceptedAt, String idempotencyKey) {
        return accepted.write(requestedBy, acceptedAt, idempotencyKey)
                .map(transfer -> new Submission(transfer, false))
                // the same key was accepted by a concurrent request a moment ago: answer as a replay
                .orElseGet(() -> replayOf(requestedBy, idempotencyKey, fingerprint)
                        .orElseThrow(() -> new IllegalStateException(
                                "idempotency key " + idempotencyKey + " is taken, yet no transfer has it")));
    }

    private Optional<Submission> replayOf(AccountId requestedBy, String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY, "must be 1 to 255 characters");
        }
        var earlier = transfers.findByIdempotencyKey(requestedBy, idempotencyKey);
        if (earlier.isPresent() && !earlier.get().requestFingerprint().equals(fingerprint)) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY, "was already used for a different request");
        }
        return earlier.map(transfer -> new Submission(transfer, true));
    }

    private static void requireVerifiedEmail(boolean verified) {
        if (!verified) {
            throw Problems.exception(
                    HttpStatus.FORBIDDEN,
                    "Your email address is not verified yet. Open the link we emailed you, then try again.");
        }
    }

    private static void checkAmount(Money amount, Money min, Money max, ArrayList<FieldViolation> violations) {
        if (!amount.isPositive()) {
            violations.add(new FieldViolation("amount", "must be greater than 0"));
        } else if (amount.isLessThan(min)) {
            violations.add(new FieldViolation("amount", "must be at least " + min));
        } else if (amount.isGreaterThan(max)) {
            violations.add(new FieldViolation("amount", "must be at most " + max));
        }
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
