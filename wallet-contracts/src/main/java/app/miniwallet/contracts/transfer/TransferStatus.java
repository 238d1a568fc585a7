package app.miniwallet.contracts.transfer;

public enum TransferStatus {
    PENDING,
    COMPLETED,
    REJECTED
}
