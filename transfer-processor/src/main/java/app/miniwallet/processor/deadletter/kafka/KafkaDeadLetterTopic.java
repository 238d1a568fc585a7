package app.miniwallet.processor.deadletter.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.processor.deadletter.DeadLetterPosition;
import app.miniwallet.processor.deadletter.DeadLetterRecord;
import app.miniwallet.processor.deadletter.DeadLetterTopic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the dead-letter topic with a consumer of its own per call, assigned (no group, nothing committed) and
 * read_committed, so aborted attempts of a batch never show up as dead letters.
 */
class KafkaDeadLetterTopic implements DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final String TRACEPARENT = "traceparent";

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final JsonMapper json;

    KafkaDeadLetterTopic(Supplier<Consumer<byte[], byte[]>> consumers, JsonMapper json) {
        this.consumers = consumers;
        this.json = json;
    }

    @Override
    public Map<Integer, Long> ends() {
        try (var consumer = consumers.get()) {
            return ends(consumer);
        }
    }

    @Override
    public Optional<DeadLetterRecord> read(DeadLetterPosition position) {
        try (var consumer = consumers.get()) {
            var end = ends(consumer).get(position.partition());
            if (end == null || position.offset() >= end) {
                return Optional.empty();
            }
            var partition = new TopicPartition(Topics.TRANSFER_REQUESTS_DLT, position.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.offset());
            var deadline = Instant.now().plus(READ_TIMEOUT);
            // a position below the log start, or on a transaction marker or an aborted record, holds no dead letter:
            // the consumer then starts, or goes on, past it
            while (consumer.position(partition) <= position.offset()) {
                for (var record : consumer.poll(POLL)) {
                    if (record.offset() == position.offset()) {
                        return Optional.of(deadLetterOf(record));
                    }
                    if (record.offset() > position.offset()) {
                        return Optional.empty();
                    }
                }
                failAfter(deadline);
            }
            return Optional.empty();
        }
    }

    @Override
    public Chunk read(DeadLetterPosition from, int max, Map<Integer, Long> upTo) {
        var deadLetters = new ArrayList<DeadLetterRecord>(Math.min(max, 1000));
        try (var consumer = consumers.get()) {
            for (var entry : new TreeMap<>(upTo).tailMap(from.partition()).entrySet()) {
                var partition = new TopicPartition(Topics.TRANSFER_REQUESTS_DLT, entry.getKey());
                long end = entry.getValue();
                long start = entry.getKey() == from.partition() ? from.offset() : 0;
                if (start >= end) {
                    continue;
                }
                consumer.assign(List.of(partition));
                consumer.seek(partition, start);
                var deadline = Instant.now().plus(READ_TIMEOUT);
                while (consumer.position(partition) < end) {
                    for (var record : consumer.poll(POLL)) {
                        if (record.offset() >= end) {
                            break;
                        }
                        deadLetters.add(deadLetterOf(record));
                        if (deadLetters.size() == max) {
                            return new Chunk(
                                    deadLetters, new DeadLetterPosition(record.partition(), record.offset() + 1));
                        }
                    }
                    failAfter(deadline);
                }
            }
        }
        return new Chunk(deadLetters, null);
    }

    private static Map<Integer, Long> ends(Consumer<byte[], byte[]> consumer) {
        var partitions = consumer.partitionsFor(Topics.TRANSFER_REQUESTS_DLT, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        var ends = new TreeMap<Integer, Long>();
        consumer.endOffsets(partitions, READ_TIMEOUT).forEach((partition, end) -> ends.put(partition.partition(), end));
        return ends;
    }

    private static void failAfter(Instant deadline) {
        if (Instant.now().isAfter(deadline)) {
            throw new org.apache.kafka.common.errors.TimeoutException(
                    "could not read " + Topics.TRANSFER_REQUESTS_DLT + " within " + READ_TIMEOUT);
        }
    }

    private DeadLetterRecord deadLetterOf(ConsumerRecord<byte[], byte[]> record) {
        var headers = record.headers();
        return new DeadLetterRecord(
                new DeadLetterPosition(record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                record.value(),
                text(headers, Topics.DLT_REASON_HEADER),
                originOf(headers),
                transferIdOf(headers, record.value()),
                bytes(headers, TRACEPARENT),
                text(headers, Topics.REDRIVEN_FROM_HEADER));
    }

    private static DeadLetterRecord.@Nullable Origin originOf(Headers headers) {
        var topic = text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        var partition = bytes(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        var offset = bytes(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        if (topic == null
                || partition == null
                || partition.length != Integer.BYTES
                || offset == null
                || offset.length != Long.BYTES) {
            return null;
        }
        var timestamp = bytes(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        return new DeadLetterRecord.Origin(
                topic,
                ByteBuffer.wrap(partition).getInt(),
                ByteBuffer.wrap(offset).getLong(),
                timestamp == null || timestamp.length != Long.BYTES
                        ? null
                        : Instant.ofEpochMilli(ByteBuffer.wrap(timestamp).getLong()));
    }

    /**
     * The header the processor writes when the record named a transfer; for dead letters written before it did, the
     * value's {@code transfer_id} if it is readable.
     */
    private @Nullable TransferId transferIdOf(Headers headers, byte @Nullable [] value) {
        var header = text(headers, Topics.DLT_TRANSFER_ID_HEADER);
        try {
            if (header != null) {
                return TransferId.parse(header);
            }
            if (value == null) {
                return null;
            }
            var field = json.readTree(value).get("transfer_id");
            return field == null || !field.isString() ? null : TransferId.parse(field.asString());
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String text(Headers headers, String name) {
        var value = bytes(headers, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte @Nullable [] bytes(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : header.value();
    }
}
