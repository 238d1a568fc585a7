package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A request record the processor cannot apply, bound for {@link Topics#TRANSFER_REQUESTS_DLT} with
 * its key, value and headers unchanged. The origin headers use Spring Kafka's dead-letter names and
 * binary encodings, so Spring-based tooling can read and replay them; the reason, and the transfer id
 * when the record named one, are the wallet's own headers, so the admin API can list them without
 * parsing the value again.
 *
 * @param transferId the transfer the record named, when it could be read (a transfer with no row)
 */
record DeadLetter(ConsumerRecord<String, String> record, String reason, @Nullable TransferId transferId) {

    static DeadLetter unreadable(ConsumerRecord<String, String> record, String reason) {
        return new DeadLetter(record, reason, null);
    }

    static DeadLetter unknownTransfer(ConsumerRecord<String, String> record, TransferId transferId) {
        return new DeadLetter(record, "no transfer " + transferId + " in the transfers table", transferId);
    }

    ProducerRecord<String, String> toProducerRecord() {
        var headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DLT_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        if (transferId != null) {
            headers.add(Topics.DLT_TRANSFER_ID_HEADER, transferId.toString().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE,
                record.timestampType().toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.TRANSFER_REQUESTS_DLT, null, record.key(), record.value(), headers);
    }
}
