package app.miniwallet.api.outbox;

import app.miniwallet.platform.tracing.Traces;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages for Kafka, written in the same database transaction as the change they announce; the
 * {@link OutboxRelay} publishes them after commit. Never a Kafka call inside a business transaction.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final Traces traces;

    Outbox(JdbcClient jdbc, Traces traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    /**
     * One message for Kafka: the topic, the record key, the JSON value, and the W3C {@code traceparent} of the request
     * it comes from (null if none), which the relay sends as the record's header.
     */
    public record Message(String topic, String key, String jsonPayload, @Nullable String traceparent) {}

    /** Appends the messages in one statement; the relay publishes them in this order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        insert into outbox (topic, message_key, payload, traceparent)
                        select m.topic, m.message_key, cast(m.payload as jsonb), m.traceparent
                          from unnest(?::varchar[], ?::varchar[], ?::text[], ?::text[])
                               with ordinality as m(topic, message_key, payload, traceparent, n)
                         order by m.n""")
                .params(
                        messages.stream().map(Message::topic).toArray(String[]::new),
                        messages.stream().map(Message::key).toArray(String[]::new),
                        messages.stream().map(Message::jsonPayload).toArray(String[]::new),
                        messages.stream().map(Message::traceparent).toArray(String[]::new))
                .update();
    }

    /** Appends one message in the trace of the request being served on this thread. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String jsonPayload) {
        appendAll(List.of(new Message(topic, key, jsonPayload, traces.currentTraceparent())));
    }
}
