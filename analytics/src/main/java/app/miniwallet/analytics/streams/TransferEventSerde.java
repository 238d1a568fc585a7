package app.miniwallet.analytics.streams;

import app.miniwallet.contracts.transfer.TransferEvent;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The records of {@code wallet.transfer-events}, read with the contract's own records. A record without the fields
 * every figure needs is not a transfer result; reading it fails, and the deserialization exception handler logs its
 * position and skips it (the topic is written by the wallet's own processor, so such a record is a bug to fix).
 */
final class TransferEventSerde extends JsonSerde<TransferEvent> {

    TransferEventSerde() {
        super(TransferEvent.class);
    }

    @Override
    TransferEvent check(TransferEvent event) {
        if (event.eventId() == null
                || event.occurredAt() == null
                || event.kind() == null
                || event.senderId() == null
                || event.receiverId() == null) {
            throw new SerializationException(
                    "a transfer event without event_id, occurred_at, kind, sender_id or receiver_id: " + event);
        }
        return event;
    }
}
