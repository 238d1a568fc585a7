package app.miniwallet.testsupport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as it stands now: a consumer of no group takes every partition, seeks to the beginning and
 * polls until its positions reach the end offsets it found first. Keys and values are read as text.
 */
public final class TopicReader {

    /** How long a broker may take to answer, and the whole read. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String isolationLevel;

    private TopicReader(String bootstrapServers, String isolationLevel) {
        this.bootstrapServers = bootstrapServers;
        this.isolationLevel = isolationLevel;
    }

    /** Sees committed records only; the end is the last stable offset, so nothing of an open transaction. */
    public static TopicReader readCommitted(String bootstrapServers) {
        return new TopicReader(bootstrapServers, "read_committed");
    }

    /** Sees every record written, those of aborted and open transactions too. */
    public static TopicReader readUncommitted(String bootstrapServers) {
        return new TopicReader(bootstrapServers, "read_uncommitted");
    }

    /** Every record of the topic from its beginning up to its end at the moment of the call; each partition's in order. */
    public List<ConsumerRecord<String, String>> readToEnd(String topic) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolationLevel,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5_000),
                new StringDeserializer(),
                new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, TIMEOUT);
            var records = new ArrayList<ConsumerRecord<String, String>>();
            var deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end " + end + " within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
