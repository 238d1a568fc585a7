package app.miniwallet.api.outbox;

import app.miniwallet.platform.background.BackgroundLoop;
import app.miniwallet.platform.database.Listening;
import app.miniwallet.platform.tracing.Traces;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox rows to Kafka, at least once, in id order, and deletes them only after the Kafka transaction that
 * published them committed. One relay is active across all api instances: the one holding a PostgreSQL advisory lock
 * on its own connection (the lock goes with the connection if the instance dies). It wakes on the outbox trigger's
 * NOTIFY and polls slowly as a fallback.
 *
 * <p>Each round (up to a batch of the oldest rows) is one Kafka transaction: committed once every send of it
 * succeeded, aborted otherwise, and then tried again from the outbox. A read_committed reader therefore sees nothing
 * of a failed round, and a retry never races sends of an earlier attempt that are still unsettled: without the
 * transaction, a failed or expired head batch followed by a delivered later one put a sender's later request before
 * its earlier one. The transactional id is the same on every instance ({@link OutboxSettings#transactionalId()}):
 * only the lock holder uses it, and a new leader's {@code initTransactions} fences a previous leader that lost its
 * lock but still sends, and aborts the transaction it left open.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** "wallet-outbox-relay" as a number: the advisory lock only one relay can hold. */
    static final long RELAY_LOCK = 0x77616c6c6f7574L;

    /** The channel the outbox trigger notifies on. */
    private static final String CHANNEL = "outbox";

    /**
     * Each round ends committed or aborted, so closing normally has nothing to wait for. The bound matters when a
     * commit or abort failed with Kafka away: the close tries to finish it or aborts, and whatever it leaves open stays
     * invisible to read_committed readers until the next leader's {@code initTransactions} settles it.
     */
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Map<String, Object> producerConfig;
    private final OutboxSettings settings;
    private final BackgroundLoop loop;

    /**
     * @param kafkaProducerFactory Boot's producer factory, for the producer settings ({@code spring.kafka.producer.*}
     *     and the connection details); the relay makes its own transactional producer from them. The api sets no
     *     {@code spring.kafka.producer.transaction-id-prefix}: Boot would then add a Kafka transaction manager, and
     *     the JDBC one the api's {@code @Transactional} code needs would back off.
     */
    OutboxRelay(DataSource dataSource, ProducerFactory<?, ?> kafkaProducerFactory, OutboxSettings settings) {
        this.dataSource = dataSource;
        var producerConfig = new HashMap<>(kafkaProducerFactory.getConfigurationProperties());
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        this.producerConfig = producerConfig;
        this.settings = settings;
        // a round leads until the relay stops, or finds another relay leading and tries again after the poll interval;
        // a failed round is tried again after it too
        this.loop = new BackgroundLoop(
                "outbox-relay",
                settings.pollInterval(),
                settings.pollInterval().multipliedBy(3),
                this::leadUntilStopped);
    }

    /** Starts relaying; after {@link #stop()} it can start again. */
    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Returns whether it led until {@code keepGoing} turned false; false if another relay leads. */
    private boolean leadUntilStopped(BooleanSupplier keepGoing) throws Exception {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return leadOn(connection, keepGoing);
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
        try (var listening = Listening.on(connection, List.of(CHANNEL))) {
            log.info("Outbox relay is the active one");
            var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
            try {
                producer.initTransactions();
                while (keepLeading.getAsBoolean()) {
                    if (publishRound(connection, producer) < settings.batchSize()) {
                        listening.await(settings.pollInterval());
                    }
                }
            } finally {
                producer.close(PRODUCER_CLOSE_TIMEOUT);
            }
            return true;
        } finally {
            unlock(connection);
        }
    }

    /** Gives up the lock; if that fails, ends the session, which ends it. */
    private static void unlock(Connection connection) {
        try (var statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + RELAY_LOCK + ")");
        } catch (SQLException e) {
            log.warn("Outbox relay could not release its lock, ending the session instead: {}", e.toString());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException abortFailure) {
                log.warn("Outbox relay could not end its session: {}", abortFailure.toString());
            }
        }
    }

    /**
     * Publishes the oldest rows in one Kafka transaction and deletes them once it committed; returns how many. Throws
     * if the round failed, after aborting its transaction.
     */
    int publishRound(Connection connection, Producer<String, String> producer) throws SQLException {
        var ids = new ArrayList<Long>();
        var records = new ArrayList<ProducerRecord<String, String>>();
        try (var select = connection.prepareStatement(
                "select id, topic, message_key, payload::text, traceparent from outbox order by id limit ?")) {
            select.setInt(1, settings.batchSize());
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    var record = new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getString(4));
                    var traceparent = rows.getString(5);
                    if (traceparent != null) {
                        // the request's trace goes on with whoever reads the record
                        record.headers().add(Traces.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
                    }
                    records.add(record);
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.beginTransaction();
        try {
            records.forEach(producer::send);
            // flushes and waits for every send; throws, committing nothing, if any of them failed
            producer.commitTransaction();
        } catch (RuntimeException failure) {
            abort(producer, failure);
            throw failure;
        }
        delete(connection, ids);
        return ids.size();
    }

    /**
     * Aborts the round's transaction. The abort waits for the round's sends still in flight, so none of them becomes
     * visible to read_committed readers and none is still pending when the round is tried again.
     */
    private static void abort(Producer<String, String> producer, RuntimeException failure) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException abortFailure) {
            // fenced, or the commit timed out and may still complete: the producer is closed when leadership ends,
            // and the next initTransactions with this transactional id settles what it left open
            failure.addSuppressed(abortFailure);
        }
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
}
