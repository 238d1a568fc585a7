package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the transfer id out of a request record. Only the id matters: the transfers row, not the
 * payload, says who pays whom and how much.
 */
class TransferRequestReader {

    /** Long enough to locate the problem in the payload, short enough for a header. */
    private static final int MAX_REASON_LENGTH = 500;

    private final JsonMapper json;

    TransferRequestReader(JsonMapper json) {
        this.json = json;
    }

    sealed interface Reading permits Readable, Unreadable {}

    record Readable(TransferId transferId) implements Reading {}

    record Unreadable(String reason) implements Reading {}

    Reading read(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            return new Unreadable("empty value");
        }
        try {
            var request = json.readValue(record.value(), TransferRequested.class);
            if (request == null || request.transferId() == null) {
                return new Unreadable("no transfer_id in the request");
            }
            return new Readable(request.transferId());
        } catch (JacksonException e) {
            return new Unreadable(shortened("not a TransferRequested: " + e.getOriginalMessage()));
        }
    }

    private static String shortened(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "...";
    }
}
