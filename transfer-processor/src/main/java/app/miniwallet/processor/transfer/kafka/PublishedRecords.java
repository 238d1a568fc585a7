package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.processor.transfer.PublishedOffsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Which request records a committed Kafka transaction already carried, for records that may have been handled
 * before: a record whose transfer it decided, or one bound for the dead-letter topic. Such a record is seen again
 * after its batch's Kafka commit failed, or seemed to: a commit that timed out after the coordinator wrote
 * PREPARE_COMMIT completes all the same, and emitting the stored result again would give read_committed readers a
 * second event. That transaction carried the consumer offsets with the events, so the group's committed offset tells:
 * past the record, its results are out; not past it, that transaction aborted and they are due again.
 *
 * <p>The consumer asks with {@code require_stable}: while an earlier transaction is still being completed the broker
 * holds the answer back (UNSTABLE_OFFSET_COMMIT, retried by the client), so the answer never races it. The committed
 * offset can move back, though — a batch read again may end earlier than the one whose commit went through, and the
 * container commits its lower end — so what was learned is kept in {@link PublishedOffsets} and only ever raised.
 */
final class PublishedRecords {

    static final PublishedRecords NONE = new PublishedRecords(Map.of());

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<Integer, Long> publishedBelow;

    private PublishedRecords(Map<Integer, Long> publishedBelow) {
        this.publishedBelow = publishedBelow;
    }

    /**
     * Asks the broker about these partitions of the request topic and raises what the database knows. Throws (the
     * batch is then rolled back and tried again) when it cannot tell.
     */
    static PublishedRecords in(Set<Integer> partitions, Consumer<?, ?> consumer, PublishedOffsets known) {
        if (partitions.isEmpty()) {
            return NONE;
        }
        var committed = consumer.committed(
                partitions.stream()
                        .map(partition -> new TopicPartition(Topics.TRANSFER_REQUESTS, partition))
                        .collect(Collectors.toSet()),
                TIMEOUT);
        var offsets = new HashMap<Integer, Long>();
        for (var partition : partitions) {
            var offset = committed.get(new TopicPartition(Topics.TRANSFER_REQUESTS, partition));
            offsets.put(partition, offset == null ? 0 : offset.offset());
        }
        return new PublishedRecords(known.raise(offsets));
    }

    /** True when a committed transaction carried this record's results. */
    boolean contains(int partition, long offset) {
        // the offset kept is the next record to read: every record below it was carried
        return offset < publishedBelow.getOrDefault(partition, 0L);
    }
}
