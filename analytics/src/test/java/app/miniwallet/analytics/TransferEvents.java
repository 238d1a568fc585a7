package app.miniwallet.analytics;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import java.time.Instant;

/** Transfer results as the processor writes them, each with the event id the contract derives from its transfer id. */
public final class TransferEvents {

    private TransferEvents() {}

    public static TransferCompleted completedTransfer(
            long sender, long receiver, long amountMinor, long feeMinor, Instant at) {
        var transferId = TransferId.next();
        return new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                at,
                transferId,
                TransferKind.TRANSFER,
                AccountId.of(sender),
                AccountId.of(receiver),
                amountMinor,
                feeMinor,
                100_000,
                100_000,
                at.minusMillis(50));
    }

    public static TransferCompleted completedTopUp(long user, long amountMinor, Instant at) {
        var transferId = TransferId.next();
        return new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                at,
                transferId,
                TransferKind.TOP_UP,
                AccountId.CASH_IN,
                AccountId.of(user),
                amountMinor,
                0,
                -amountMinor,
                amountMinor,
                at.minusMillis(50));
    }

    public static TransferRejected rejectedTransfer(
            long sender, long receiver, long amountMinor, long feeMinor, Instant at) {
        var transferId = TransferId.next();
        return new TransferRejected(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                at,
                transferId,
                TransferKind.TRANSFER,
                AccountId.of(sender),
                AccountId.of(receiver),
                amountMinor,
                feeMinor,
                RejectionReason.INSUFFICIENT_FUNDS,
                amountMinor - 1,
                at.minusMillis(50));
    }
}
