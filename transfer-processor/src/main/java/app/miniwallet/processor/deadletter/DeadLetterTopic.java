package app.miniwallet.processor.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads {@code wallet.transfer-requests.DLT} as read_committed consumers see it. */
public interface DeadLetterTopic {

    /** Per partition, the offset past the last committed dead letter now. */
    Map<Integer, Long> ends();

    /** The dead letter at this position, if there is one. */
    Optional<DeadLetterRecord> read(DeadLetterPosition position);

    /**
     * Up to {@code max} dead letters from {@code from} on, in partition then offset order, stopping at {@code upTo}.
     */
    Chunk read(DeadLetterPosition from, int max, Map<Integer, Long> upTo);

    /**
     * @param next where to read on; null when {@code upTo} was reached in every partition
     */
    record Chunk(List<DeadLetterRecord> deadLetters, @Nullable DeadLetterPosition next) {}
}
