package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.transfer.TransferEvent;
import java.util.List;

/**
 * What applying one batch decided, in record order.
 *
 * @param decided transfers this batch moved out of PENDING, to be written back
 * @param changedAccounts the final balance of every account a completed transfer touched, by id
 * @param ledgerEntries the legs of the completed transfers, with running balances
 * @param events the result events to publish: one per decided transfer, plus stored results emitted
 *     again for records redelivered after a failed Kafka commit
 * @param unknown requests whose transfer has no row
 * @param duplicatesSkipped requests for transfers already decided by another record
 */
public record AppliedBatch(
        List<StoredTransfer> decided,
        List<AccountBalance> changedAccounts,
        List<LedgerEntry> ledgerEntries,
        List<TransferEvent> events,
        List<RequestedTransfer> unknown,
        int duplicatesSkipped) {

    public static final AppliedBatch NOTHING =
            new AppliedBatch(List.of(), List.of(), List.of(), List.of(), List.of(), 0);

    public AppliedBatch {
        decided = List.copyOf(decided);
        changedAccounts = List.copyOf(changedAccounts);
        ledgerEntries = List.copyOf(ledgerEntries);
        events = List.copyOf(events);
        unknown = List.copyOf(unknown);
    }
}
