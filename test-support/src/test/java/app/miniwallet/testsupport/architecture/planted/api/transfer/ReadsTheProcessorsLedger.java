package app.miniwallet.testsupport.architecture.planted.api.transfer;

import app.miniwallet.testsupport.architecture.planted.processor.transfer.Ledger;

public class ReadsTheProcessorsLedger {

    public long balance(long user) {
        return new Ledger().balance(user);
    }
}
