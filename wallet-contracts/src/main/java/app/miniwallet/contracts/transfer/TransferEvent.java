package app.miniwallet.contracts.transfer;

import app.miniwallet.contracts.account.AccountId;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The result of a transfer, on {@code wallet.transfer-events}: exactly one per transfer for
 * read_committed consumers. Schema version 1; only ever extended compatibly.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event_type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TransferCompleted.class, name = "TransferCompleted"),
    @JsonSubTypes.Type(value = TransferRejected.class, name = "TransferRejected")
})
public sealed interface TransferEvent permits TransferCompleted, TransferRejected {

    int SCHEMA_VERSION = 1;

    UUID eventId();

    TransferId transferId();

    TransferKind kind();

    AccountId senderId();

    AccountId receiverId();

    long amountMinor();

    long feeMinor();

    Instant occurredAt();

    /** The user the event is keyed by: the sender of a transfer, the user topped up. */
    default String eventKey() {
        return kind() == TransferKind.TOP_UP
                ? receiverId().toString()
                : senderId().toString();
    }

    /**
     * A transfer has one result, so its event id is derived from the transfer id: a re-emitted
     * event carries the same id, which is what consumers dedupe on.
     */
    static UUID eventIdFor(TransferId transferId) {
        return UUID.nameUUIDFromBytes(("wallet.transfer-events/" + transferId).getBytes(StandardCharsets.UTF_8));
    }
}
