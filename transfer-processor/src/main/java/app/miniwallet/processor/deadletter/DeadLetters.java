package app.miniwallet.processor.deadletter;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.transfer.RecordPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does with the dead letters: list them, with their reason and whether they were redriven, and
 * redrive them, one or all, each at most once.
 *
 * <p>A redrive claims the dead letter in {@code dead_letter_redrives} and, in that same database transaction, sends
 * the copy and waits for Kafka's acknowledgement; the claim commits only after it. So two processors redriving at
 * once never both send a dead letter, and a failed send leaves it unclaimed. The one way to a second copy is a send
 * that Kafka took but did not acknowledge in time (or a commit lost after the send); the processor treats that
 * copy as the duplicate request it is.
 *
 * <p>A redrive changes nothing for a transfer decided meanwhile: the copy is a request whose transfer was decided by
 * another record, which the processor skips, as it skips every duplicate from the outbox relay.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** Dead letters per transaction of a bulk redrive. */
    static final int BULK_CHUNK = 200;

    private final DeadLetterTopic topic;
    private final TransferRequestsCopies copies;
    private final Redrives redrives;
    private final TransactionTemplate transaction;

    DeadLetters(
            DeadLetterTopic topic, TransferRequestsCopies copies, Redrives redrives, TransactionTemplate transaction) {
        this.topic = topic;
        this.copies = copies;
        this.redrives = redrives;
        this.transaction = transaction;
    }

    /** A dead letter with what is known of it now. */
    public record Listed(
            DeadLetterRecord deadLetter, @Nullable Redrive redrive, @Nullable TransferStatus transferStatus) {}

    /** @param next where the next page starts; null after the last dead letter */
    public record Page(List<Listed> deadLetters, @Nullable DeadLetterPosition next) {}

    public sealed interface RedriveResult permits Redriven, AlreadyRedriven, NoSuchDeadLetter {}

    public record Redriven(Redrive redrive) implements RedriveResult {}

    public record AlreadyRedriven(Redrive redrive) implements RedriveResult {}

    public record NoSuchDeadLetter(DeadLetterPosition position) implements RedriveResult {}

    /**
     * @param redriven dead letters this call sent back
     * @param alreadyRedriven dead letters it left alone, redriven before or by a redrive running at the same time
     * @param upTo per partition, the end of the dead-letter topic when the call began: dead letters written after
     *     (a redriven record that failed again among them) wait for the next call
     */
    public record BulkRedrive(int redriven, int alreadyRedriven, Map<Integer, Long> upTo) {}

    /**
     * @param from the first position to list; {@link DeadLetterPosition#START} for the first page
     * @param redriven only those redriven (true) or not yet redriven (false); null for all
     */
    public Page list(DeadLetterPosition from, int perPage, @Nullable Boolean redriven) {
        var upTo = topic.ends();
        var listed = new ArrayList<Listed>(perPage);
        var next = from;
        while (true) {
            // a filter may pass few: read on in chunks of a useful size, not one consumer per dead letter
            var wanted = redriven == null ? perPage - listed.size() : Math.max(perPage - listed.size(), BULK_CHUNK);
            var chunk = topic.read(next, wanted, upTo);
            for (var item : withWhatIsKnown(chunk.deadLetters())) {
                if (redriven == null || redriven == (item.redrive() != null)) {
                    listed.add(item);
                    if (listed.size() == perPage) {
                        var last = item.deadLetter().position();
                        return new Page(listed, new DeadLetterPosition(last.partition(), last.offset() + 1));
                    }
                }
            }
            if (chunk.next() == null) {
                return new Page(listed, null);
            }
            next = chunk.next();
        }
    }

    public RedriveResult redrive(DeadLetterPosition position) {
        var found = topic.read(position);
        if (found.isEmpty()) {
            return new NoSuchDeadLetter(position);
        }
        var deadLetter = found.get();
        return Objects.requireNonNull(transaction.execute(status -> {
            if (redrives.claim(List.of(position)).isEmpty()) {
                return new AlreadyRedriven(Objects.requireNonNull(
                        redrives.of(List.of(position)).get(position), "a claimed dead letter has its redrive"));
            }
            return new Redriven(sendClaimed(List.of(deadLetter)).get(0));
        }));
    }

    /** Redrives every dead letter not redriven yet, up to the end of the topic as this call begins. */
    public BulkRedrive redriveAll() {
        var upTo = topic.ends();
        int redriven = 0;
        int skipped = 0;
        var from = DeadLetterPosition.START;
        while (true) {
            var chunk = topic.read(from, BULK_CHUNK, upTo);
            var done = redrives.of(chunk.deadLetters().stream()
                            .map(DeadLetterRecord::position)
                            .toList())
                    .keySet();
            var waiting = chunk.deadLetters().stream()
                    .filter(deadLetter -> !done.contains(deadLetter.position()))
                    .toList();
            var sent = waiting.isEmpty() ? 0 : redriveClaimable(waiting);
            redriven += sent;
            skipped += chunk.deadLetters().size() - sent;
            if (chunk.next() == null) {
                break;
            }
            from = chunk.next();
        }
        log.info("Bulk redrive: {} dead letters sent back, {} redriven before, up to {}", redriven, skipped, upTo);
        return new BulkRedrive(redriven, skipped, upTo);
    }

    /** In one transaction: claims what it can of these dead letters and sends the claimed ones. */
    private int redriveClaimable(List<DeadLetterRecord> deadLetters) {
        return Objects.requireNonNull(transaction.execute(status -> {
            var claimed = Set.copyOf(redrives.claim(
                    deadLetters.stream().map(DeadLetterRecord::position).toList()));
            var toSend = deadLetters.stream()
                    .filter(deadLetter -> claimed.contains(deadLetter.position()))
                    .toList();
            return toSend.isEmpty() ? 0 : sendClaimed(toSend).size();
        }));
    }

    private List<Redrive> sendClaimed(List<DeadLetterRecord> deadLetters) {
        var landed = copies.send(deadLetters);
        var copiesByDeadLetter = new HashMap<DeadLetterPosition, RecordPosition>();
        for (int i = 0; i < deadLetters.size(); i++) {
            copiesByDeadLetter.put(deadLetters.get(i).position(), landed.get(i));
        }
        var recorded = redrives.landed(copiesByDeadLetter);
        recorded.forEach(redrive -> log.info(
                "Dead letter {} redriven to {} {}", redrive.deadLetter(), Topics.TRANSFER_REQUESTS, redrive.copy()));
        return recorded;
    }

    private List<Listed> withWhatIsKnown(List<DeadLetterRecord> deadLetters) {
        if (deadLetters.isEmpty()) {
            return List.of();
        }
        var redrivesOf =
                redrives.of(deadLetters.stream().map(DeadLetterRecord::position).toList());
        var statuses = redrives.statusOf(deadLetters.stream()
                .map(DeadLetterRecord::transferId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        return deadLetters.stream()
                .map(deadLetter -> new Listed(
                        deadLetter,
                        redrivesOf.get(deadLetter.position()),
                        deadLetter.transferId() == null ? null : statuses.get(deadLetter.transferId())))
                .toList();
    }
}
