package app.miniwallet.processor.deadletter;

import app.miniwallet.processor.transfer.RecordPosition;
import java.util.List;

/** Sends dead letters back to {@code wallet.transfer-requests}. */
public interface TransferRequestsCopies {

    /**
     * Sends each dead letter's original key and value (and its trace context) to the request topic and returns,
     * in the same order, where each landed, once Kafka has acknowledged all of them. Throws if any send fails.
     */
    List<RecordPosition> send(List<DeadLetterRecord> deadLetters);
}
