package app.miniwallet.api.transfer;

/** What became of a transfer or top-up request. Only {@link Accepted} wrote anything. */
public sealed interface Submission {

    /** A new PENDING transfer, written with its outbox message. */
    record Accepted(Transfer transfer) implements Submission {}

    /** An earlier request with the same Idempotency-Key and body made this transfer: the same answer again. */
    record Replayed(Transfer transfer) implements Submission {}

    record Refused(Refusal refusal) implements Submission {}
}
