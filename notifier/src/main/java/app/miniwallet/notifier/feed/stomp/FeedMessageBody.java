package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.notifier.feed.FeedMessage;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The JSON body of a feed MESSAGE frame; FEED.md documents it for clients. */
record FeedMessageBody(
        @JsonProperty("seq") long seq,
        @JsonProperty("transfer_id") String transferId,
        @JsonProperty("status") String status,
        @JsonProperty("direction") String direction,
        @JsonProperty("amount") String amount,
        @JsonProperty("fee") String fee,
        @JsonProperty("counterparty") Counterparty counterparty,
        @JsonProperty("balance") String balance,
        @JsonProperty("reason") String reason,
        @JsonProperty("occurred_at") Instant occurredAt) {

    record Counterparty(@JsonProperty("id") long id, @JsonProperty("name") String name) {}

    static FeedMessageBody of(FeedMessage message) {
        var entry = message.entry();
        return new FeedMessageBody(
                message.seq(),
                entry.transferId().toString(),
                entry.status().name(),
                entry.direction().name(),
                entry.amount().toString(),
                entry.fee().toString(),
                new Counterparty(
                        entry.counterparty().id().value(), entry.counterparty().name()),
                entry.balance() == null ? null : entry.balance().toString(),
                entry.reason(),
                entry.occurredAt());
    }
}
