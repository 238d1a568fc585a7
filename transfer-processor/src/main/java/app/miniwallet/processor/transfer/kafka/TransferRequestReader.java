package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.transfer.TransferId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the transfer id out of a request record. Only the id matters: the transfers row, not the
 * payload, says who pays whom and how much. So the record is read as a stream of tokens that keeps
 * {@code transfer_id} and skips the rest, instead of binding a whole {@code TransferRequested}
 * (timestamps and all), which was a large share of the processor's CPU in its drain benchmark (see
 * docs/performance-log.md, "Less processor CPU per request, the same drain").
 */
class TransferRequestReader {

    private static final String TRANSFER_ID = "transfer_id";

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
        try (var parser = json.createParser(record.value())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return notARequest("not a JSON object");
            }
            String transferId = null;
            for (var name = parser.nextName(); name != null; name = parser.nextName()) {
                var value = parser.nextToken();
                if (name.equals(TRANSFER_ID) && value == JsonToken.VALUE_STRING) {
                    transferId = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return notARequest("more after the JSON object");
            }
            if (transferId == null) {
                return new Unreadable("no transfer_id in the request");
            }
            return new Readable(TransferId.parse(transferId));
        } catch (JacksonException e) {
            return notARequest(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return notARequest("transfer_id is not a UUID: " + e.getMessage());
        }
    }

    private static Unreadable notARequest(String why) {
        var reason = "not a TransferRequested: " + why;
        return new Unreadable(
                reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "...");
    }
}
