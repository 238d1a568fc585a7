package app.miniwallet.infra.architecture.planted.api.transfer;

import org.springframework.http.HttpStatus;

public class RefusesWithHttpStatus {

    public HttpStatus send(long from, long to) {
        return HttpStatus.FORBIDDEN;
    }
}
