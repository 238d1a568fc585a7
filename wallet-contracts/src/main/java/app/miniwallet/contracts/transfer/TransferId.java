package app.miniwallet.contracts.transfer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/** Made once when a transfer is accepted and carried through outbox, Kafka, ledger and events. */
public record TransferId(@JsonValue UUID value) implements Comparable<TransferId> {

    private static final TimeBasedEpochGenerator TIME_ORDERED = Generators.timeBasedEpochGenerator();

    public TransferId {
        if (value == null) {
            throw new IllegalArgumentException("transfer id must not be null");
        }
    }

    /**
     * A new id that sorts after the ones made before it (a version 7 UUID: milliseconds since the epoch, then
     * random bits). New rows of the indexes on transfer ids (the transfers' primary key, the ledger's entries per
     * transfer) then land on the last few index pages, not on a random one of millions: a random id costs a page
     * read and, after every checkpoint, a full-page image in the WAL per insert.
     */
    public static TransferId next() {
        return new TransferId(TIME_ORDERED.generate());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TransferId of(UUID value) {
        return new TransferId(value);
    }

    public static TransferId parse(String text) {
        return new TransferId(UUID.fromString(text));
    }

    @Override
    public int compareTo(TransferId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
