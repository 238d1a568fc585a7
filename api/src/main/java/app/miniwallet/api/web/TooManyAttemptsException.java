package app.miniwallet.api.web;

import java.time.Duration;

/** Answered 429 with Retry-After. */
public class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;
    private final String what;

    /** Too many requests of a kind. */
    public TooManyAttemptsException(Duration retryAfter) {
        this(retryAfter, "Too many requests");
    }

    /** @param what what there were too many of, as a person reads it: "Too many failed sign-ins" */
    public TooManyAttemptsException(Duration retryAfter, String what) {
        super(what + ", retry after " + retryAfter);
        this.retryAfter = retryAfter;
        this.what = what;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public String what() {
        return what;
    }
}
