package app.miniwallet.processor.transfer;

/**
 * Where a request record sits in {@code wallet.transfer-requests}. A decided transfer remembers the
 * record that decided it, which tells a redelivery of that record from a duplicate of the request.
 */
public record RecordPosition(int partition, long offset) {

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
