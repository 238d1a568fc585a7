package app.miniwallet.contracts.transfer;

import app.miniwallet.contracts.account.AccountId;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A transfer the API accepted, on {@code wallet.transfer-requests} keyed by {@link #requestKey()}.
 * The transfers row in PostgreSQL stays authoritative; this record tells the processor which one to
 * apply.
 */
public record TransferRequested(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("transfer_id") TransferId transferId,
        @JsonProperty("kind") TransferKind kind,
        @JsonProperty("sender_id") AccountId senderId,
        @JsonProperty("receiver_id") AccountId receiverId,
        @JsonProperty("amount_minor") long amountMinor,
        @JsonProperty("fee_minor") long feeMinor,
        @JsonProperty("requested_at") Instant requestedAt) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The Kafka key: the user who asked. For a transfer the sender, for a top-up the user topped up,
     * so that all of one user's requests share a partition and keep their order.
     */
    public String requestKey() {
        return kind == TransferKind.TOP_UP ? receiverId.toString() : senderId.toString();
    }
}
