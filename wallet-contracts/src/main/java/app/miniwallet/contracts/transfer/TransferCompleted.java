package app.miniwallet.contracts.transfer;

import app.miniwallet.contracts.account.AccountId;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** The transfer was applied: the sender paid amount + fee, the receiver got the amount. */
public record TransferCompleted(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("transfer_id") TransferId transferId,
        @JsonProperty("kind") TransferKind kind,
        @JsonProperty("sender_id") AccountId senderId,
        @JsonProperty("receiver_id") AccountId receiverId,
        @JsonProperty("amount_minor") long amountMinor,
        @JsonProperty("fee_minor") long feeMinor,
        @JsonProperty("sender_balance_after_minor") long senderBalanceAfterMinor,
        @JsonProperty("receiver_balance_after_minor") long receiverBalanceAfterMinor,
        @JsonProperty("requested_at") Instant requestedAt)
        implements TransferEvent {}
