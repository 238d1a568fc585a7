package app.miniwallet.testsupport.architecture.planted.processor.transfer;

import java.util.HashMap;
import java.util.Map;

public class Ledger {

    private final Map<Long, Long> balances = new HashMap<>();

    public long balance(long user) {
        return balances.getOrDefault(user, 0L);
    }
}
