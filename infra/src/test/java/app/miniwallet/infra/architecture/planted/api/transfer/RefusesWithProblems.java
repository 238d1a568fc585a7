package app.miniwallet.infra.architecture.planted.api.transfer;

import app.miniwallet.infra.architecture.planted.api.web.Problems;

public class RefusesWithProblems {

    public void send(long from, long to) {
        throw Problems.forbidden("verify your email first");
    }
}
