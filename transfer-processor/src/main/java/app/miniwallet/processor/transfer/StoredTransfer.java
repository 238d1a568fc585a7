package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A transfers row: what the API accepted and, once decided, the outcome with everything needed to
 * rebuild its result event exactly.
 *
 * @param decidedBy the request record that decided the transfer; null while PENDING
 * @param receiverBalanceAfter null for a rejection, which credits nobody
 */
public record StoredTransfer(
        TransferId id,
        TransferKind kind,
        AccountId senderId,
        AccountId receiverId,
        long amountMinor,
        long feeMinor,
        TransferStatus status,
        @Nullable RejectionReason reason,
        @Nullable RecordPosition decidedBy,
        @Nullable Long senderBalanceAfter,
        @Nullable Long receiverBalanceAfter,
        Instant requestedAt,
        @Nullable Instant completedAt) {

    public StoredTransfer {
        Objects.requireNonNull(id, "id");
        if ((status == TransferStatus.COMPLETED || status == TransferStatus.REJECTED)
                && (decidedBy == null || completedAt == null || senderBalanceAfter == null)) {
            throw new IllegalArgumentException("decided transfer " + id + " lacks its decision: " + decidedBy + ", "
                    + completedAt + ", " + senderBalanceAfter);
        }
    }

    public static StoredTransfer pending(
            TransferId id,
            TransferKind kind,
            AccountId senderId,
            AccountId receiverId,
            long amountMinor,
            long feeMinor,
            Instant requestedAt) {
        return new StoredTransfer(
                id,
                kind,
                senderId,
                receiverId,
                amountMinor,
                feeMinor,
                TransferStatus.PENDING,
                null,
                null,
                null,
                null,
                requestedAt,
                null);
    }

    public boolean isPending() {
        return status == TransferStatus.PENDING;
    }

    /** True when the given record decided this transfer: seeing it again means it was redelivered. */
    public boolean wasDecidedBy(RecordPosition position) {
        return position.equals(decidedBy);
    }

    /** What the sender pays: the amount plus the fee. */
    public long debitMinor() {
        return Math.addExact(amountMinor, feeMinor);
    }

    StoredTransfer completed(RecordPosition by, Instant at, long senderAfter, long receiverAfter) {
        return decided(TransferStatus.COMPLETED, null, by, at, senderAfter, receiverAfter);
    }

    StoredTransfer rejected(RecordPosition by, Instant at, RejectionReason why, long senderBalance) {
        return decided(TransferStatus.REJECTED, why, by, at, senderBalance, null);
    }

    private StoredTransfer decided(
            TransferStatus outcome,
            @Nullable RejectionReason why,
            RecordPosition by,
            Instant at,
            long senderBalance,
            @Nullable Long receiverAfter) {
        requirePending();
        return new StoredTransfer(
                id,
                kind,
                senderId,
                receiverId,
                amountMinor,
                feeMinor,
                outcome,
                why,
                by,
                senderBalance,
                receiverAfter,
                requestedAt,
                at);
    }

    /**
     * The result event, built from the stored decision alone, so the first emission and any
     * re-emission after a failed Kafka commit are the same event.
     */
    public TransferEvent resultEvent() {
        var eventId = TransferEvent.eventIdFor(id);
        return switch (status) {
            case COMPLETED ->
                new TransferCompleted(
                        eventId,
                        TransferEvent.SCHEMA_VERSION,
                        completedAt,
                        id,
                        kind,
                        senderId,
                        receiverId,
                        amountMinor,
                        feeMinor,
                        senderBalanceAfter,
                        Objects.requireNonNull(receiverBalanceAfter, "completed transfer without receiver balance"),
                        requestedAt);
            case REJECTED ->
                new TransferRejected(
                        eventId,
                        TransferEvent.SCHEMA_VERSION,
                        completedAt,
                        id,
                        kind,
                        senderId,
                        receiverId,
                        amountMinor,
                        feeMinor,
                        Objects.requireNonNull(reason, "rejected transfer without reason"),
                        senderBalanceAfter,
                        requestedAt);
            case PENDING, AWAITING_PAYMENT ->
                throw new IllegalStateException("transfer " + id + " is still " + status + ", it has no result");
        };
    }

    private void requirePending() {
        if (!isPending()) {
            throw new IllegalStateException("transfer " + id + " is already " + status + ", decided by " + decidedBy);
        }
    }
}
