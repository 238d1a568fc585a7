package app.miniwallet.contracts.transfer;

public enum TransferKind {
    /** From one user to another; the sender pays the fee. */
    TRANSFER,
    /** Money into a user's wallet from the cash-in account; no fee. */
    TOP_UP
}
