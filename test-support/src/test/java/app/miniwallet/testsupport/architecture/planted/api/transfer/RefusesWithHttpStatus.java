package app.miniwallet.testsupport.architecture.planted.api.transfer;

import org.springframework.http.HttpStatus;

public class RefusesWithHttpStatus {

    public HttpStatus send(long from, long to) {
        return HttpStatus.FORBIDDEN;
    }
}
