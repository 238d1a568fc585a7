package app.miniwallet.api.transfer;

import app.miniwallet.api.outbox.Outbox;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Money into a wallet. A top-up is written in a transaction of its own that first takes its user's submission turn
 * (the advisory lock transfers take too, see {@link Transfers#takeTurnsOf}), so the daily limit holds however many
 * of the user's requests arrive at once, on however many api instances.
 *
 * <p>In {@code instant} mode the top-up is PENDING with its outbox message at once. In {@code provider} mode it
 * awaits its payment, with no outbox message, so nothing can credit it; the payment provider's signed webhook
 * {@linkplain #settle settles} it: paid, it enters the pipeline like any transfer; declined, it enters it carrying
 * the reason, and the processor records the rejection, so the event, the feed and the email follow as for any other
 * outcome.
 */
@Service
public class TopUps {

    /** The window of the daily limit: a rolling 24 hours, so no midnight lets a user top up twice the limit. */
    static final Duration LIMIT_WINDOW = Duration.ofHours(24);

    private final Transfers transfers;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final TopUpSettings settings;
    private final Counter accepted;

    TopUps(
            Transfers transfers,
            Outbox outbox,
            TransactionTemplate transaction,
            JsonMapper json,
            TopUpSettings settings,
            MeterRegistry registry) {
        this.transfers = transfers;
        this.outbox = outbox;
        this.transaction = transaction;
        this.json = json;
        this.settings = settings;
        // the same counter AcceptedTransfers counts transfers with: a top-up counts once it is in the pipeline
        this.accepted = Counter.builder("wallet.transfers.accepted")
                .description("Transfers written as PENDING with their outbox message (committed)")
                .tag("kind", TransferKind.TOP_UP.name())
                .register(registry);
    }

    /** What writing a top-up came to. */
    sealed interface Written {

        record New(Transfer topUp) implements Written {}

        /** Its idempotency key was used a moment ago, by a concurrent request: that request's answer holds. */
        record KeyTaken() implements Written {}

        /** It would take the user's top-ups of the last 24 hours past the limit; {@code left} is what remains. */
        record OverLimit(Money left, Money limit) implements Written {}
    }

    /** @param paid true when the money is known to have arrived already: then no payment is waited for */
    Written write(AccountId user, Money amount, String fingerprint, @Nullable String idempotencyKey, boolean paid) {
        var written = transaction.execute(status -> {
            var now = transfers.takeTurnsOf(List.of(user));
            if (idempotencyKey != null
                    && transfers.findByIdempotencyKey(user, idempotencyKey).isPresent()) {
                return new Written.KeyTaken();
            }
            var limit = settings.dailyLimitAmount();
            var used = transfers.topUpsSince(user, now.minus(LIMIT_WINDOW));
            var left = used.isGreaterThan(limit) ? Money.ZERO : limit.minus(used);
            if (amount.isGreaterThan(left)) {
                return new Written.OverLimit(left, limit);
            }
            var topUp = Transfer.topUp(
                    user,
                    amount,
                    fingerprint,
                    now,
                    settings.waitsForPayment() && !paid ? TransferStatus.AWAITING_PAYMENT : TransferStatus.PENDING);
            var keys = new ArrayList<String>();
            keys.add(idempotencyKey); // may be null, which List.of refuses
            if (transfers.insertAccepted(List.of(topUp), keys).isEmpty()) {
                return new Written.KeyTaken();
            }
            if (topUp.status() == TransferStatus.PENDING) {
                outbox.append(Topics.TRANSFER_REQUESTS, topUp.requested().requestKey(), requestJson(topUp));
            }
            return new Written.New(topUp);
        });
        if (written instanceof Written.New created && created.topUp().status() == TransferStatus.PENDING) {
            accepted.increment();
            AcceptedTransfers.logAccepted(created.topUp());
        }
        return written;
    }

    /**
     * Where the user pays for this top-up while it awaits its payment; empty once paid or declined (a replayed request
     * must not send the user to pay again), in instant mode and for a transfer.
     */
    public Optional<URI> checkoutUrl(Transfer transfer) {
        if (transfer.kind() != TransferKind.TOP_UP || transfer.status() != TransferStatus.AWAITING_PAYMENT) {
            return Optional.empty();
        }
        return checkoutUrl(transfer.id(), transfer.amount());
    }

    /** Where the user pays for the top-up with this id and amount, in provider mode; empty in instant mode. */
    public Optional<URI> checkoutUrl(TransferId topUp, Money amount) {
        if (!settings.waitsForPayment()) {
            return Optional.empty();
        }
        var checkout = settings.provider().checkoutUrl().toString();
        // a UUID and a decimal amount need no escaping
        return Optional.of(URI.create(
                checkout + (checkout.contains("?") ? "&" : "?") + "top_up_id=" + topUp + "&amount=" + amount));
    }

    /** What the payment provider's word on a top-up came to. */
    public sealed interface Settlement {

        /** It awaited its payment and now is in the pipeline, paid or declined. */
        record Settled(Transfer topUp) implements Settlement {}

        /** The same word came before (a replayed webhook): nothing changed. */
        record AlreadySettled(Transfer topUp) implements Settlement {}

        /** No top-up has this id. */
        record Unknown() implements Settlement {}

        /** The word contradicts the top-up: another amount, or the other outcome than the one recorded. */
        record Contradicts(String detail) implements Settlement {}
    }

    /**
     * Records the payment provider's word on a top-up, once: under the top-up's row lock, so replayed or concurrent
     * webhooks for it settle it once. Paid or declined, it enters the pipeline in this transaction (PENDING and its
     * outbox message), accepted now, in its user's turn, so a user's requests reach the processor in the order of
     * their acceptance times as always.
     *
     * @param amountPaid what the provider says the payment was for
     */
    public Settlement settle(TransferId id, boolean paid, Money amountPaid) {
        var settlement = transaction.execute(status -> {
            var found = transfers.lockTopUp(id);
            if (found.isEmpty()) {
                return new Settlement.Unknown();
            }
            var topUp = found.get();
            if (!topUp.amount().equals(amountPaid)) {
                return new Settlement.Contradicts(
                        "The top-up is for " + topUp.amount() + ", not for " + amountPaid + ".");
            }
            if (topUp.status() != TransferStatus.AWAITING_PAYMENT) {
                var declinedBefore = topUp.reason() == RejectionReason.PAYMENT_DECLINED;
                return paid != declinedBefore
                        ? new Settlement.AlreadySettled(topUp)
                        : new Settlement.Contradicts(
                                "The top-up was already " + (declinedBefore ? "declined" : "paid") + ".");
            }
            var now = transfers.takeTurnsOf(List.of(topUp.requestedBy()));
            var entering = topUp.enteringPipeline(now, paid ? null : RejectionReason.PAYMENT_DECLINED);
            transfers.enterPipeline(entering);
            outbox.append(Topics.TRANSFER_REQUESTS, entering.requested().requestKey(), requestJson(entering));
            return new Settlement.Settled(entering);
        });
        if (settlement instanceof Settlement.Settled settled) {
            accepted.increment();
            AcceptedTransfers.logAccepted(settled.topUp());
        }
        return settlement;
    }

    private String requestJson(Transfer topUp) {
        return json.writeValueAsString(topUp.requested());
    }
}
