package app.miniwallet.notifier.feed;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.notifier.feed.FeedEntry.Counterparty;
import app.miniwallet.notifier.people.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is told about a transfer event, and what each of them sees. Both users of a completed transfer
 * are told; a refused transfer only concerns the user who asked, since nothing reached the other; a
 * top-up only concerns the user topped up, the cash-in account is nobody's feed. Each user sees their
 * own balance only.
 */
public final class FeedEntries {

    /** What the web page and the history API call the cash-in account. */
    public static final String TOP_UP_COUNTERPARTY = "Top-up";

    private FeedEntries() {}

    /** The accounts whose names the entries of this event show. */
    public static Set<AccountId> partiesOf(TransferEvent event) {
        return Set.of(event.senderId(), event.receiverId());
    }

    public static List<FeedEntry> of(TransferEvent event, Map<AccountId, User> users) {
        var entries = new ArrayList<FeedEntry>(2);
        if (event instanceof TransferCompleted completed) {
            if (completed.kind() == TransferKind.TOP_UP) {
                entries.add(topUp(
                        event, TransferStatus.COMPLETED, Money.ofMinor(completed.receiverBalanceAfterMinor()), null));
            } else {
                entries.add(sent(event, TransferStatus.COMPLETED, completed.senderBalanceAfterMinor(), null, users));
                entries.add(received(completed, users));
            }
        } else if (event instanceof TransferRejected rejected) {
            var reason = rejected.reason().name();
            if (rejected.kind() == TransferKind.TOP_UP) {
                // the event carries the cash-in account's balance, not the user's
                entries.add(topUp(event, TransferStatus.REJECTED, null, reason));
            } else {
                entries.add(sent(event, TransferStatus.REJECTED, rejected.senderBalanceMinor(), reason, users));
            }
        }
        return entries;
    }

    private static FeedEntry sent(
            TransferEvent event, TransferStatus status, long balanceMinor, String reason, Map<AccountId, User> users) {
        return new FeedEntry(
                event.senderId(),
                event.eventId(),
                event.transferId(),
                status,
                Direction.SENT,
                Money.ofMinor(event.amountMinor()),
                Money.ofMinor(event.feeMinor()),
                counterparty(event.receiverId(), users),
                Money.ofMinor(balanceMinor),
                reason,
                event.occurredAt());
    }

    private static FeedEntry received(TransferCompleted event, Map<AccountId, User> users) {
        return new FeedEntry(
                event.receiverId(),
                event.eventId(),
                event.transferId(),
                TransferStatus.COMPLETED,
                Direction.RECEIVED,
                Money.ofMinor(event.amountMinor()),
                // the fee is the sender's business
                Money.ZERO,
                counterparty(event.senderId(), users),
                Money.ofMinor(event.receiverBalanceAfterMinor()),
                null,
                event.occurredAt());
    }

    private static FeedEntry topUp(TransferEvent event, TransferStatus status, Money balance, String reason) {
        return new FeedEntry(
                event.receiverId(),
                event.eventId(),
                event.transferId(),
                status,
                Direction.TOP_UP,
                Money.ofMinor(event.amountMinor()),
                Money.ZERO,
                new Counterparty(event.senderId(), TOP_UP_COUNTERPARTY),
                balance,
                reason,
                event.occurredAt());
    }

    private static Counterparty counterparty(AccountId id, Map<AccountId, User> users) {
        var user = users.get(id);
        return new Counterparty(id, user == null ? null : user.name());
    }
}
