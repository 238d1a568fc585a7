package app.miniwallet.api.outbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.infra.test.WalletTestStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The relay when a round fails for real: a message larger than its topic takes ({@code max.message.bytes}) is refused
 * by the broker after the send returned, with {@link RecordTooLargeException}; it stands for any send that fails, such
 * as a batch that expires while Kafka is away. The context's own relay is stopped while a test leads on a connection
 * of its own, and started again afterwards for the other tests.
 */
@ApiIntegrationTest
class OutboxRelayFailureIntegrationTest {

    /** The largest record batch the test topics take. */
    private static final int TOPIC_MAX_MESSAGE_BYTES = 1_000;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Test
    void leavesNeitherItsLockNorItsListenOnTheConnectionWhenARoundFails() throws Exception {
        var topic = newTopic();
        var key = "relay-failure-" + UUID.randomUUID();
        relay.stop();
        try (var connection = WalletTestStack.shared().dataSource().getConnection()) {
            await().atMost(Duration.ofSeconds(10)).until(this::relayLockIsFree);
            append(topic, key, messageTooLargeForTheTopic("poison"));

            assertThatThrownBy(() -> relay.leadOn(connection, forAtMost(Duration.ofSeconds(30))))
                    .hasRootCauseInstanceOf(RecordTooLargeException.class);

            var advisoryLocks = advisoryLocksHeldBy(connection);
            var channels = channelsListenedOnBy(connection);
            var lockFree = relayLockIsFree();
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(advisoryLocks)
                        .as("advisory locks the connection holds")
                        .isZero();
                softly.assertThat(channels).as("channels it listens on").isEmpty();
                softly.assertThat(lockFree)
                        .as("another connection can take the relay's lock")
                        .isTrue();
            });
        } finally {
            deleteOutboxRows(key);
            relay.start();
        }
    }

    private long append(String topic, String key, String payload) {
        return jdbc.sql("insert into outbox (topic, message_key, payload) values (?, ?, cast(? as jsonb)) returning id")
                .params(topic, key, payload)
                .query(Long.class)
                .single();
    }

    private static String messageTooLargeForTheTopic(String name) {
        return "{\"name\": \"" + name + "\", \"padding\": \"" + "x".repeat(2 * TOPIC_MAX_MESSAGE_BYTES) + "\"}";
    }

    private void deleteOutboxRows(String key) {
        jdbc.sql("delete from outbox where message_key = ?").param(key).update();
    }

    /** Keeps the relay leading until it fails, but never past the deadline, so a relay that does not fail ends. */
    private static BooleanSupplier forAtMost(Duration duration) {
        var deadline = Instant.now().plus(duration);
        return () -> Instant.now().isBefore(deadline);
    }

    private static long advisoryLocksHeldBy(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(
                        "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<String> channelsListenedOnBy(Connection connection) throws SQLException {
        var channels = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_listening_channels()")) {
            while (result.next()) {
                channels.add(result.getString(1));
            }
        }
        return channels;
    }

    /** Whether another session can take the relay's lock (it gives it straight back). */
    private boolean relayLockIsFree() throws SQLException {
        try (var connection = WalletTestStack.shared().dataSource().getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_try_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")")) {
            result.next();
            return result.getBoolean(1);
        }
    }

    private static String newTopic() throws Exception {
        var topic = "outbox-relay-test-" + UUID.randomUUID();
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                WalletTestStack.shared().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of(
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TOPIC_MAX_MESSAGE_BYTES)))))
                    .all()
                    .get();
        }
        return topic;
    }
}
