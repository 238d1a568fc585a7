package app.miniwallet.notifier.feed;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One transfer event as one user sees it: their direction, their fee, their balance, the other party.
 * The feed store numbers it when it stores it.
 *
 * @param balance this user's balance right after the event; empty when the event does not say it
 * @param reason why a transfer was refused; empty for a completed one
 */
public record FeedEntry(
        AccountId userId,
        UUID eventId,
        TransferId transferId,
        TransferStatus status,
        Direction direction,
        Money amount,
        Money fee,
        Counterparty counterparty,
        Money balance,
        String reason,
        Instant occurredAt) {

    /** The other side of the transfer; for a top-up the cash-in account, named "Top-up". */
    public record Counterparty(AccountId id, String name) {}
}
