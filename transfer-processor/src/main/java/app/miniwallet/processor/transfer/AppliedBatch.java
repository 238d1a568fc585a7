package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.transfer.TransferEvent;
import java.util.List;

/**
 * What applying one batch decided, in record order.
 *
 * @param decided transfers this batch moved out of PENDING, to be written back
 * @param changedAccounts the final balance of every account a completed transfer touched, by id
 * @param ledgerEntries the legs of the completed transfers, with running balances
 * @param results the transfers whose result is to be published: one per decided transfer, plus stored
 *     results emitted again for records redelivered after a failed Kafka commit
 * @param redelivered those of the results that were decided earlier by the very record seen again: their
 *     event is due only if the Kafka transaction of that earlier attempt did not commit, which only Kafka
 *     can tell (the listener asks it)
 * @param unknown requests whose transfer has no row
 * @param duplicatesSkipped requests for transfers already decided by another record
 */
public record AppliedBatch(
        List<StoredTransfer> decided,
        List<AccountBalance> changedAccounts,
        List<LedgerEntry> ledgerEntries,
        List<StoredTransfer> results,
        List<StoredTransfer> redelivered,
        List<RequestedTransfer> unknown,
        int duplicatesSkipped) {

    public static final AppliedBatch NOTHING =
            new AppliedBatch(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 0);

    public AppliedBatch {
        decided = List.copyOf(decided);
        changedAccounts = List.copyOf(changedAccounts);
        ledgerEntries = List.copyOf(ledgerEntries);
        results = List.copyOf(results);
        redelivered = List.copyOf(redelivered);
        unknown = List.copyOf(unknown);
    }

    /**
     * The result events, in record order. Built on demand, after the batch's database transaction, so the
     * accounts' locks are not held while they are.
     */
    public List<TransferEvent> events() {
        return results.stream().map(StoredTransfer::resultEvent).toList();
    }
}
