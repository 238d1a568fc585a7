package app.miniwallet.api.outbox;

import java.util.List;
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

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One message for Kafka: the topic, the record key, the JSON value. */
    public record Message(String topic, String key, String jsonPayload) {}

    /** Appends the messages in one statement; the relay publishes them in this order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        insert into outbox (topic, message_key, payload)
                        select m.topic, m.message_key, cast(m.payload as jsonb)
                          from unnest(?::varchar[], ?::varchar[], ?::text[]) with ordinality as m(topic, message_key, payload, n)
                         order by m.n""")
                .params(
                        messages.stream().map(Message::topic).toArray(String[]::new),
                        messages.stream().map(Message::key).toArray(String[]::new),
                        messages.stream().map(Message::jsonPayload).toArray(String[]::new))
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String jsonPayload) {
        appendAll(List.of(new Message(topic, key, jsonPayload)));
    }
}
