package app.miniwallet.api.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox rows to Kafka, at least once, in id order, and deletes them only after the broker
 * acknowledged them. One relay is active across all api instances: the one holding a PostgreSQL
 * advisory lock on its own connection (the lock goes with the connection if the instance dies).
 * It wakes on the outbox trigger's NOTIFY and polls slowly as a fallback.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** "wallet-outbox-relay" as a number: the advisory lock only one relay can hold. */
    private static final long RELAY_LOCK = 0x77616c6c6f7574L;

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final DataSource dataSource;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSettings settings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(DataSource dataSource, KafkaTemplate<String, String> kafka, OutboxSettings settings) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.settings = settings;
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::relayWhileRunning, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        try {
            worker.join(settings.pollInterval().toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void relayWhileRunning() {
        while (running) {
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (tryLead(connection)) {
                    log.info("Outbox relay is the active one");
                    relayAsLeader(connection);
                } else {
                    pause();
                }
            } catch (Exception e) {
                log.warn("Outbox relay interrupted, retrying: {}", e.toString());
                pause();
            }
        }
    }

    private void relayAsLeader(Connection connection) throws Exception {
        try (var statement = connection.createStatement()) {
            statement.execute("listen outbox");
        }
        var notifications = connection.unwrap(PGConnection.class);
        while (running) {
            if (publishBatch(connection) < settings.batchSize()) {
                // blocks until a NOTIFY arrives or the poll interval passes
                notifications.getNotifications((int) settings.pollInterval().toMillis());
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("unlisten outbox; select pg_advisory_unlock(" + RELAY_LOCK + ")");
        }
    }

    /** Publishes the oldest rows and deletes them once all are acknowledged; returns how many. */
    int publishBatch(Connection connection) throws Exception {
        var ids = new ArrayList<Long>();
        var acks = new ArrayList<CompletableFuture<?>>();
        try (var select = connection.prepareStatement(
                "select id, topic, message_key, payload::text from outbox order by id limit ?")) {
            select.setInt(1, settings.batchSize());
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    acks.add(kafka.send(new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getString(4))));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        delete(connection, ids);
        return ids.size();
    }

    private static void delete(Connection connection, List<Long> ids) throws SQLException {
        try (var delete = connection.prepareStatement("delete from outbox where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }

    private static boolean tryLead(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_try_advisory_lock(" + RELAY_LOCK + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }

    private void pause() {
        try {
            stopped.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
