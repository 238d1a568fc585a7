package app.miniwallet.testsupport.architecture.planted.api.transfer;

import app.miniwallet.testsupport.architecture.planted.testsupport.TestStack;

public class StartsATestStack {

    public String database() {
        return TestStack.start().jdbcUrl();
    }
}
