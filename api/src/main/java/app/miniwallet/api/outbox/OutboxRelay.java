package app.miniwallet.api.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
    static final long RELAY_LOCK = 0x77616c6c6f7574L;

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final DataSource dataSource;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSettings settings;
    private volatile boolean running;
    private CountDownLatch stopRequested = new CountDownLatch(0);
    private Thread worker;

    OutboxRelay(DataSource dataSource, KafkaTemplate<String, String> kafka, OutboxSettings settings) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.settings = settings;
    }

    /** Starts relaying; after {@link #stop()} it can start again. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // each start has its own stop signal, so a worker that outlives stop() never takes a later start's as its own
        var stopRequested = new CountDownLatch(1);
        this.stopRequested = stopRequested;
        worker = new Thread(() -> relayUntil(stopRequested), "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopRequested.countDown();
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

    private void relayUntil(CountDownLatch stopRequested) {
        BooleanSupplier keepRelaying =
                () -> stopRequested.getCount() > 0 && !Thread.currentThread().isInterrupted();
        while (keepRelaying.getAsBoolean()) {
            var ledUntilStopped = false;
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                ledUntilStopped = leadOn(connection, keepRelaying);
            } catch (Exception e) {
                log.warn("Outbox relay interrupted, retrying: {}", e.toString());
            }
            if (!ledUntilStopped) {
                pause(stopRequested);
            }
        }
    }

    /**
     * Leads on this connection if no other relay does: publishes until {@code keepLeading} turns false or a round
     * fails (then throws). Either way the connection goes back without the lock and without LISTEN, or, if releasing
     * them fails, aborted: a pooled connection that kept them would keep every relay from leading until the pool
     * retired it.
     *
     * @return whether this connection led; false if another relay holds the lock
     */
    boolean leadOn(Connection connection, BooleanSupplier keepLeading) throws Exception {
        if (!tryLead(connection)) {
            return false;
        }
        try {
            log.info("Outbox relay is the active one");
            try (var statement = connection.createStatement()) {
                statement.execute("listen outbox");
            }
            var notifications = connection.unwrap(PGConnection.class);
            while (keepLeading.getAsBoolean()) {
                if (publishBatch(connection) < settings.batchSize()) {
                    // blocks until a NOTIFY arrives or the poll interval passes
                    notifications.getNotifications((int) settings.pollInterval().toMillis());
                }
            }
            return true;
        } finally {
            release(connection);
        }
    }

    /** Gives up LISTEN and the lock; if that fails, ends the session, which ends both. */
    private static void release(Connection connection) {
        try (var statement = connection.createStatement()) {
            statement.execute("unlisten *; select pg_advisory_unlock(" + RELAY_LOCK + ")");
        } catch (SQLException e) {
            log.warn("Outbox relay could not release its lock, ending the session instead: {}", e.toString());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException abortFailure) {
                log.warn("Outbox relay could not end its session: {}", abortFailure.toString());
            }
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

    private void pause(CountDownLatch stopRequested) {
        try {
            stopRequested.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
