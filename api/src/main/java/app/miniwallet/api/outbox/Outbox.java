package app.miniwallet.api.outbox;

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

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String jsonPayload) {
        jdbc.sql("insert into outbox (topic, message_key, payload) values (?, ?, cast(? as jsonb))")
                .params(topic, key, jsonPayload)
                .update();
    }
}
