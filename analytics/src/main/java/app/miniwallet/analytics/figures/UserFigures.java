package app.miniwallet.analytics.figures;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user's figures. A top-up is counted for the user topped up only: its other side is the cash-in account, not a
 * user. A rejection is counted for the user who asked (the sender of a transfer, the user of a top-up).
 *
 * @param sentMinor amounts of the user's completed transfers to others
 * @param receivedMinor amounts of completed transfers from others
 * @param toppedUpMinor amounts of the user's completed top-ups
 * @param feesPaidMinor fees of the user's completed transfers
 * @param transfersSent completed transfers the user sent
 * @param transfersReceived completed transfers the user received
 * @param topUps completed top-ups of the user
 * @param rejected the user's rejected transfers and top-ups
 */
public record UserFigures(
        long sentMinor,
        long receivedMinor,
        long toppedUpMinor,
        long feesPaidMinor,
        long transfersSent,
        long transfersReceived,
        long topUps,
        long rejected) {

    public static final UserFigures NONE = new UserFigures(0, 0, 0, 0, 0, 0, 0, 0);

    /** What one transfer result adds to each user it concerns. */
    public static Map<AccountId, UserFigures> of(TransferEvent event) {
        var figures = new LinkedHashMap<AccountId, UserFigures>(2);
        if (!(event instanceof TransferCompleted completed)) {
            var asking = event.kind() == TransferKind.TOP_UP ? event.receiverId() : event.senderId();
            figures.put(asking, new UserFigures(0, 0, 0, 0, 0, 0, 0, 1));
        } else if (completed.kind() == TransferKind.TOP_UP) {
            figures.put(completed.receiverId(), new UserFigures(0, 0, completed.amountMinor(), 0, 0, 0, 1, 0));
        } else {
            figures.put(
                    completed.senderId(),
                    new UserFigures(completed.amountMinor(), 0, 0, completed.feeMinor(), 1, 0, 0, 0));
            // a transfer to oneself is both; the API refuses it, but the figures must still add up
            figures.merge(
                    completed.receiverId(),
                    new UserFigures(0, completed.amountMinor(), 0, 0, 0, 1, 0, 0),
                    UserFigures::plus);
        }
        return figures;
    }

    public UserFigures plus(UserFigures other) {
        return new UserFigures(
                Math.addExact(sentMinor, other.sentMinor),
                Math.addExact(receivedMinor, other.receivedMinor),
                Math.addExact(toppedUpMinor, other.toppedUpMinor),
                Math.addExact(feesPaidMinor, other.feesPaidMinor),
                Math.addExact(transfersSent, other.transfersSent),
                Math.addExact(transfersReceived, other.transfersReceived),
                Math.addExact(topUps, other.topUps),
                Math.addExact(rejected, other.rejected));
    }

    /**
     * What the user's balance changed by: received and topped up, less sent and fees. For an account that started at
     * zero it is its balance, the sum of its ledger entries.
     */
    public long netMinor() {
        return receivedMinor + toppedUpMinor - sentMinor - feesPaidMinor;
    }
}
