package app.miniwallet.processor.deadletter;

import app.miniwallet.contracts.transfer.TransferId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record of {@code wallet.transfer-requests.DLT} as the processor wrote it: the original key and value, byte for
 * byte, and what its headers say.
 *
 * @param deadLetteredAt the dead letter's own timestamp: when the processor sent it
 * @param reason why the processor could not apply the original record; null for a record no processor wrote
 * @param original where the original record sat; null when the headers do not say
 * @param transferId the transfer the original record named, when it named one
 * @param traceparent the original record's W3C trace context header, sent on with a redrive
 * @param redrivenFrom when the original record was itself a redrive: the dead letter it was redriven from
 */
public record DeadLetterRecord(
        DeadLetterPosition position,
        Instant deadLetteredAt,
        byte @Nullable [] key,
        byte @Nullable [] value,
        @Nullable String reason,
        @Nullable Origin original,
        @Nullable TransferId transferId,
        byte @Nullable [] traceparent,
        @Nullable String redrivenFrom) {

    /**
     * Where the original record sat in the request topic.
     *
     * @param timestamp the original record's timestamp, when the headers carry it
     */
    public record Origin(String topic, int partition, long offset, @Nullable Instant timestamp) {}

    public @Nullable String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    public @Nullable String valueText() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
