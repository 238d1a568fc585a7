package app.miniwallet.contracts.transfer;

import app.miniwallet.contracts.account.AccountId;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** The transfer was refused; no balance changed. {@code sender_balance_minor} is the balance it saw. */
public record TransferRejected(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("transfer_id") TransferId transferId,
        @JsonProperty("kind") TransferKind kind,
        @JsonProperty("sender_id") AccountId senderId,
        @JsonProperty("receiver_id") AccountId receiverId,
        @JsonProperty("amount_minor") long amountMinor,
        @JsonProperty("fee_minor") long feeMinor,
        @JsonProperty("reason") RejectionReason reason,
        @JsonProperty("sender_balance_minor") long senderBalanceMinor,
        @JsonProperty("requested_at") Instant requestedAt)
        implements TransferEvent {}
