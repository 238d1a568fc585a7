package app.miniwallet.contracts.transfer;

/** Why the processor refused a transfer. An outcome, not an error. */
public enum RejectionReason {
    /** The sender's balance was below amount + fee when the transfer was applied. */
    INSUFFICIENT_FUNDS,
    /** A top-up whose payment the payment provider declined: no money came in. */
    PAYMENT_DECLINED
}
