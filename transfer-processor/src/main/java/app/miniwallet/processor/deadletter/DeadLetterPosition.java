package app.miniwallet.processor.deadletter;

/** Where a dead letter sits in {@code wallet.transfer-requests.DLT}: the record an operator names. */
public record DeadLetterPosition(int partition, long offset) implements Comparable<DeadLetterPosition> {

    /** Before every dead letter. */
    public static final DeadLetterPosition START = new DeadLetterPosition(0, 0);

    public DeadLetterPosition {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "a dead letter's partition and offset are not negative, were " + partition + " and " + offset);
        }
    }

    /** Reads {@code <partition>@<offset>}, as {@link #toString} writes it. */
    public static DeadLetterPosition parse(String text) {
        var at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("not <partition>@<offset>: " + text);
        }
        try {
            return new DeadLetterPosition(
                    Integer.parseInt(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not <partition>@<offset>: " + text, e);
        }
    }

    @Override
    public int compareTo(DeadLetterPosition other) {
        return partition != other.partition
                ? Integer.compare(partition, other.partition)
                : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
