package app.miniwallet.testsupport.architecture.planted.api.transfer;

import app.miniwallet.testsupport.architecture.planted.api.web.Problems;

public class RefusesWithProblems {

    public void send(long from, long to) {
        throw Problems.forbidden("verify your email first");
    }
}
