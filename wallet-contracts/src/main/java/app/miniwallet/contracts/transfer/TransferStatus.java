package app.miniwallet.contracts.transfer;

public enum TransferStatus {
    /**
     * A top-up the payment provider has not confirmed yet: stored, but not in the pipeline (no outbox message), so it
     * moves no money until the provider's webhook says it was paid.
     */
    AWAITING_PAYMENT,
    PENDING,
    COMPLETED,
    REJECTED
}
