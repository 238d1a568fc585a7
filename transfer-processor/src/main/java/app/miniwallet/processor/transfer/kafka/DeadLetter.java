package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A request record the processor cannot apply, bound for {@link Topics#TRANSFER_REQUESTS_DLT} with
 * its key, value and headers unchanged. The origin headers use Spring Kafka's dead-letter names and
 * binary encodings, so Spring-based tooling can read and replay them.
 */
record DeadLetter(ConsumerRecord<String, String> record, String reason) {

    ProducerRecord<String, String> toProducerRecord() {
        var headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DLT_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        return new ProducerRecord<>(Topics.TRANSFER_REQUESTS_DLT, null, record.key(), record.value(), headers);
    }
}
