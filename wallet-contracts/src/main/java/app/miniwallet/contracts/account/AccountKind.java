package app.miniwallet.contracts.account;

public enum AccountKind {
    USER,
    FEE,
    CASH_IN
}
