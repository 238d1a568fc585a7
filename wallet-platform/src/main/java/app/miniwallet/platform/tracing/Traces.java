package app.miniwallet.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context of a transfer across the services: taken from the current span where a request is served,
 * from a record's {@code traceparent} header where a record is consumed, and written onto the records produced for it.
 * A transfer's work runs in a span of its own trace, so its log lines carry the trace id ({@code traceId} in the
 * logging context, set by Micrometer Tracing) beside its {@link TransferLogContext#TRANSFER_ID}.
 */
public class Traces {

    /** The W3C header, the same name on HTTP requests and on Kafka records. */
    public static final String TRACEPARENT = "traceparent";

    private static final Propagator.Getter<Headers> FROM_HEADERS = (headers, key) -> {
        var header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private static final Propagator.Setter<Headers> INTO_HEADERS = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private final Tracer tracer;
    private final Propagator propagator;

    Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} of the span current on this thread (the HTTP request's), or null if there is none. */
    public @Nullable String currentTraceparent() {
        var span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var carrier = new HashMap<String, String>(2);
        propagator.inject(span.context(), carrier, (map, key, value) -> {
            if (map != null) {
                map.put(key, value);
            }
        });
        return carrier.get(TRACEPARENT);
    }

    /**
     * Starts the span of the work on this record: a child of the trace context in its headers, or the root of a new
     * trace when it carries none (or one that cannot be read). End it with {@link RecordTrace#end()}.
     */
    public RecordTrace continueFrom(ConsumerRecord<?, ?> record, String work) {
        Span span = propagator
                .extract(record.headers(), FROM_HEADERS)
                .name(work)
                .kind(Span.Kind.CONSUMER)
                .start();
        return new RecordTrace(tracer, propagator, span);
    }

    /** The work on one record, in its trace. */
    public static final class RecordTrace {

        private final Tracer tracer;
        private final Propagator propagator;
        private final Span span;

        private RecordTrace(Tracer tracer, Propagator propagator, Span span) {
            this.tracer = tracer;
            this.propagator = propagator;
            this.span = span;
        }

        public String traceId() {
            return span.context().traceId();
        }

        /**
         * Makes this trace current on the calling thread, and the transfer the one its log lines are about, until
         * the scope is closed.
         */
        public TransferLogContext open(Object transferId) {
            var inSpan = tracer.withSpan(span);
            return TransferLogContext.of(transferId, inSpan::close);
        }

        /** Makes this trace current on the calling thread, for work that is about no transfer, until closed. */
        public Tracer.SpanInScope open() {
            return tracer.withSpan(span);
        }

        /** Puts this trace's {@code traceparent} (this span as the parent) on a record that the work produces. */
        public void writeTo(Headers headers) {
            propagator.inject(span.context(), headers, INTO_HEADERS);
        }

        public void end() {
            span.end();
        }
    }
}
