package app.miniwallet.testsupport.tracing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context a client could send: a random trace id and parent span id, sampled. Tests send its
 * {@link #traceparent()} and look for its {@link #traceId()} where the trace should have gone.
 */
public record TestTrace(String traceId, String parentSpanId) {

    public static TestTrace random() {
        return new TestTrace(randomHex(16), randomHex(8));
    }

    /** The {@code traceparent} header's value: version 00, this trace, this parent, sampled. */
    public String traceparent() {
        return "00-" + traceId + "-" + parentSpanId + "-01";
    }

    private static String randomHex(int bytes) {
        var random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
