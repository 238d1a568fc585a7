package app.miniwallet.contracts.transfer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** Made once when a transfer is accepted and carried through outbox, Kafka, ledger and events. */
public record TransferId(@JsonValue UUID value) implements Comparable<TransferId> {

    public TransferId {
        if (value == null) {
            throw new IllegalArgumentException("transfer id must not be null");
        }
    }

    public static TransferId random() {
        return new TransferId(UUID.randomUUID());
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
