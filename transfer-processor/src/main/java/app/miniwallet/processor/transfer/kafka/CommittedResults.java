package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.processor.transfer.RecordPosition;
import app.miniwallet.processor.transfer.StoredTransfer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Which results of redelivered records a committed Kafka transaction already carries. A record is seen again after
 * its batch's Kafka commit failed, or seemed to: a commit that timed out after the coordinator wrote PREPARE_COMMIT
 * completes all the same, and emitting the stored result again would give read_committed readers a second event.
 * The earlier transaction carried the record's consumer offset with its events, so the group's committed offset
 * tells: past the record, the events are out; not past it, that transaction aborted and the result is due again.
 *
 * <p>The consumer asks with {@code require_stable}: while that earlier transaction is still being completed the
 * broker holds the answer back (UNSTABLE_OFFSET_COMMIT, retried by the client) until it is committed or aborted, so
 * the answer never races it.
 */
final class CommittedResults {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CommittedResults() {}

    /**
     * The transfers among {@code redelivered} whose events a committed transaction already published; asks the
     * broker only when there are any. Throws (the batch is then rolled back and tried again) when it cannot tell.
     */
    static Set<TransferId> alreadyPublished(Consumer<?, ?> consumer, List<StoredTransfer> redelivered) {
        if (redelivered.isEmpty()) {
            return Set.of();
        }
        var partitions = redelivered.stream()
                .map(transfer -> new TopicPartition(
                        Topics.TRANSFER_REQUESTS, position(transfer).partition()))
                .collect(Collectors.toSet());
        var committed = consumer.committed(partitions, TIMEOUT);
        var published = new HashSet<TransferId>();
        for (var transfer : redelivered) {
            var position = position(transfer);
            var offset = committed.get(new TopicPartition(Topics.TRANSFER_REQUESTS, position.partition()));
            // the committed offset is the next record to read: past this one means its transaction committed
            if (offset != null && offset.offset() > position.offset()) {
                published.add(transfer.id());
            }
        }
        return published;
    }

    private static RecordPosition position(StoredTransfer transfer) {
        return Objects.requireNonNull(transfer.decidedBy(), "a redelivered transfer was decided by a record");
    }
}
