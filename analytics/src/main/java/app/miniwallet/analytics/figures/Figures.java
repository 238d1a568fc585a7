package app.miniwallet.analytics.figures;

import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferKind;

/**
 * The wallet's figures over some set of transfer results: the running totals, or one minute's. The only place that
 * decides what a result adds to them; every amount is in minor units (cents).
 *
 * @param completed completed transfers and top-ups: {@code transfers} rows with status {@code COMPLETED}
 * @param rejected rejected transfers and top-ups: rows with status {@code REJECTED}
 * @param volumeMinor the amounts of completed transfers between users (top-ups are not volume)
 * @param feesMinor the fees of completed transfers: what the fee account earned
 * @param topUpsMinor the amounts of completed top-ups: the money that came into the wallet from the cash-in account
 */
public record Figures(long completed, long rejected, long volumeMinor, long feesMinor, long topUpsMinor) {

    public static final Figures NONE = new Figures(0, 0, 0, 0, 0);

    /** What one transfer result adds. */
    public static Figures of(TransferEvent event) {
        if (!(event instanceof TransferCompleted completed)) {
            return new Figures(0, 1, 0, 0, 0);
        }
        return completed.kind() == TransferKind.TOP_UP
                ? new Figures(1, 0, 0, 0, completed.amountMinor())
                : new Figures(1, 0, completed.amountMinor(), completed.feeMinor(), 0);
    }

    public Figures plus(Figures other) {
        return new Figures(
                Math.addExact(completed, other.completed),
                Math.addExact(rejected, other.rejected),
                Math.addExact(volumeMinor, other.volumeMinor),
                Math.addExact(feesMinor, other.feesMinor),
                Math.addExact(topUpsMinor, other.topUpsMinor));
    }
}
