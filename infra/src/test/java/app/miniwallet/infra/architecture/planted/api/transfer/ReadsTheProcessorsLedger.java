package app.miniwallet.infra.architecture.planted.api.transfer;

import app.miniwallet.infra.architecture.planted.processor.transfer.Ledger;

public class ReadsTheProcessorsLedger {

    public long balance(long user) {
        return new Ledger().balance(user);
    }
}
