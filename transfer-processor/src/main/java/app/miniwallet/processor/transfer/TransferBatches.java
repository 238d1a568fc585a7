package app.miniwallet.processor.transfer;

import java.time.Instant;
import java.util.List;

/** Applies batches of transfer requests to the stored balances. */
public interface TransferBatches {

    /**
     * Locks the batch's transfers and accounts, applies the requests in order and writes the result,
     * all in one database transaction that has committed when this returns.
     *
     * @param decidedAt the completion time of every transfer this batch decides
     */
    AppliedBatch apply(List<RequestedTransfer> requests, Instant decidedAt);
}
