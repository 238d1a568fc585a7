package app.miniwallet.infra.architecture.planted.api.transfer;

import app.miniwallet.infra.architecture.planted.infra.TestStack;

public class StartsATestStack {

    public String database() {
        return TestStack.start().jdbcUrl();
    }
}
