package app.miniwallet.api.transfer;

import app.miniwallet.api.outbox.Outbox;
import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.api.web.Problems;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts transfers and top-ups: validates them, then one short transaction writes the PENDING
 * transfer and its outbox message. No balance lock here: the processor's locked check is the one that
 * counts; the balance check below only spares the user a transfer that would surely be rejected.
 */
@Service
public class TransferSubmission {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final Transfers transfers;
    private final Outbox outbox;
    private final UserAccounts accounts;
    private final TransferSettings settings;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    TransferSubmission(
            Transfers transfers,
            Outbox outbox,
            UserAccounts accounts,
            TransferSettings settings,
            TransactionTemplate transaction,
            JsonMapper json) {
        this.transfers = transfers;
        this.outbox = outbox;
        this.accounts = accounts;
        this.settings = settings;
        this.transaction = transaction;
        this.json = json;
    }

    /** The outcome of a submission: the transfer, and whether an earlier identical request made it. */
    public record Submission(Transfer transfer, boolean replayed) {}

    public Submission transfer(AccountId sender, AccountId receiver, Money amount, String idempotencyKey) {
        requireVerifiedEmail(sender);
        var fingerprint = fingerprint(TransferKind.TRANSFER, receiver, amount);
        var replay = replayOf(sender, idempotencyKey, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        var fee = check(sender, receiver, amount).fee();
        return accept(
                Transfer.accepted(TransferKind.TRANSFER, sender, sender, receiver, amount, fee, fingerprint, now()),
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
        requireVerifiedEmail(sender);
        return check(sender, receiver, amount);
    }

    private Quote check(AccountId sender, AccountId receiver, Money amount) {
        var violations = new ArrayList<FieldViolation>();
        checkAmount(amount, Money.ofMinor(1), settings.maxTransfer(), violations);
        // a quote may come before the receiver is chosen: then the amount alone is judged
        if (receiver != null && receiver.equals(sender)) {
            violations.add(new FieldViolation("receiver_id", "must be someone other than you"));
        } else if (receiver != null && !accounts.isUserAccount(receiver)) {
            violations.add(new FieldViolation("receiver_id", "does not name a Mini Wallet user"));
        }
        InvalidRequestException.throwIfAny(violations);

        var fee = settings.feeRule().feeFor(amount);
        var balance = accounts.balanceOf(sender).orElse(Money.ZERO);
        if (balance.isLessThan(amount.plus(fee))) {
            throw new InvalidRequestException(
                    "amount", "plus the fee of %s is more than your balance of %s".formatted(fee, balance));
        }
        return new Quote(amount, fee);
    }

    public Submission topUp(AccountId user, Money amount, String idempotencyKey) {
        requireVerifiedEmail(user);
        var fingerprint = fingerprint(TransferKind.TOP_UP, user, amount);
        var replay = replayOf(user, idempotencyKey, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        var violations = new ArrayList<FieldViolation>();
        checkAmount(amount, settings.smallestTopUp(), settings.largestTopUp(), violations);
        InvalidRequestException.throwIfAny(violations);
        return accept(
                Transfer.accepted(
                        TransferKind.TOP_UP, user, AccountId.CASH_IN, user, amount, Money.ZERO, fingerprint, now()),
                idempotencyKey);
    }

    public Optional<Transfer> find(TransferId id) {
        return transfers.findById(id);
    }

    private Submission accept(Transfer transfer, String idempotencyKey) {
        var request = transfer.requested();
        try {
            transaction.executeWithoutResult(status -> {
                transfers.insertPending(transfer, idempotencyKey);
                outbox.append(Topics.TRANSFER_REQUESTS, request.requestKey(), json.writeValueAsString(request));
            });
            return new Submission(transfer, false);
        } catch (DuplicateKeyException concurrentRetry) {
            // the same key was accepted by a concurrent request a moment ago: answer as a replay
            return replayOf(transfer.requestedBy(), idempotencyKey, transfer.requestFingerprint())
                    .orElseThrow(() -> concurrentRetry);
        }
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

    private void requireVerifiedEmail(AccountId account) {
        if (!accounts.isEmailVerified(account)) {
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

    private java.time.Instant now() {
        // PostgreSQL keeps microseconds: the response shows exactly what is stored
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
