package app.miniwallet.processor.deadletter;

import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.transfer.RecordPosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The redrives recorded in PostgreSQL, one per dead letter at most; and what the operator's list shows beside them. */
public interface Redrives {

    /**
     * Claims these dead letters for a redrive in the caller's transaction and returns the ones claimed now. A dead
     * letter another transaction is claiming waits for that one to end: claimed by it if it commits, by this one if
     * it rolls back.
     */
    List<DeadLetterPosition> claim(Collection<DeadLetterPosition> deadLetters);

    /** Records where the claimed dead letters' copies landed, in the caller's transaction. */
    List<Redrive> landed(Map<DeadLetterPosition, RecordPosition> copies);

    /** The committed redrives of these dead letters. */
    Map<DeadLetterPosition, Redrive> of(Collection<DeadLetterPosition> deadLetters);

    /** The status of those of these transfers that have a row. */
    Map<TransferId, TransferStatus> statusOf(Collection<TransferId> transfers);
}
