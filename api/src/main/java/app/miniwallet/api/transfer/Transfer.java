package app.miniwallet.api.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.time.Instant;

/** A transfer as the API sees it: accepted as PENDING, decided by the processor. */
public record Transfer(
        TransferId id,
        TransferKind kind,
        AccountId requestedBy,
        AccountId senderId,
        AccountId receiverId,
        Money amount,
        Money fee,
        TransferStatus status,
        RejectionReason reason,
        String requestFingerprint,
        Instant createdAt,
        Instant completedAt) {

    static Transfer accepted(
            TransferKind kind,
            AccountId requestedBy,
            AccountId sender,
            AccountId receiver,
            Money amount,
            Money fee,
            String fingerprint,
            Instant now) {
        return new Transfer(
                TransferId.next(),
                kind,
                requestedBy,
                sender,
                receiver,
                amount,
                fee,
                TransferStatus.PENDING,
                null,
                fingerprint,
                now,
                null);
    }

    /** A top-up as asked for: PENDING when it is credited at once, AWAITING_PAYMENT when it waits for its payment. */
    static Transfer topUp(AccountId user, Money amount, String fingerprint, Instant now, TransferStatus status) {
        return new Transfer(
                TransferId.next(),
                TransferKind.TOP_UP,
                user,
                AccountId.CASH_IN,
                user,
                amount,
                Money.ZERO,
                status,
                null,
                fingerprint,
                now,
                null);
    }

    /**
     * This top-up, paid ({@code declined} null) or declined, as it enters the pipeline: PENDING, accepted at
     * {@code now}.
     */
    Transfer enteringPipeline(Instant now, RejectionReason declined) {
        return new Transfer(
                id,
                kind,
                requestedBy,
                senderId,
                receiverId,
                amount,
                fee,
                TransferStatus.PENDING,
                declined,
                requestFingerprint,
                now,
                null);
    }

    /**
     * Who asked for a transfer sees it at every stage; the receiver only once it reached them (COMPLETED): a
     * pending one may still be refused, and a refusal for insufficient funds would tell them about the sender's
     * balance. Nobody else sees it. A top-up is asked for by its receiver, so they see it all along.
     */
    public boolean isVisibleTo(AccountId account) {
        return requestedBy.equals(account) || (receiverId.equals(account) && status == TransferStatus.COMPLETED);
    }

    TransferRequested requested() {
        return new TransferRequested(
                TransferRequested.SCHEMA_VERSION,
                id,
                kind,
                senderId,
                receiverId,
                amount.minor(),
                fee.minor(),
                createdAt);
    }
}
