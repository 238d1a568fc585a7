package app.miniwallet.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.testsupport.kafka.TopicReader;
import app.miniwallet.testsupport.stack.WalletTestStack;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay when a round fails for real: a message larger than its topic takes ({@code max.message.bytes}) is refused
 * by the broker after the send returned, with {@link RecordTooLargeException}, while a message after it is accepted;
 * it stands for any send that fails, such as a batch that expires while Kafka is away. The context's own relay is
 * stopped while a test leads on a connection of its own, and started again afterwards for the other tests.
 */
@ApiIntegrationTest
class OutboxRelayFailureIntegrationTest {

    /** The largest record batch the test topics take. */
    private static final int TOPIC_MAX_MESSAGE_BYTES = 1_000;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void leavesNeitherItsLockNorItsListenOnTheConnectionWhenARoundFails() throws Exception {
        var topic = newTopic();
        var key = "relay-failure-" + UUID.randomUUID();
        relay.stop();
        try (var connection = WalletTestStack.shared().dataSource().getConnection()) {
            await().atMost(Duration.ofSeconds(10)).until(this::relayLockIsFree);
            append(topic, key, messageTooLargeForTheTopic("poison"));

            assertThatThrownBy(() -> relay.leadOn(connection, forAtMost(Duration.ofSeconds(30))))
                    .satisfies(OutboxRelayFailureIntegrationTest::causedByAMessageTooLargeForTheTopic);

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

    @Test
    void showsReadCommittedReadersNothingOfAFailedRoundAndKeepsOutboxOrderOnceTheCauseIsFixed() throws Exception {
        var topic = newTopic();
        var key = "relay-failure-" + UUID.randomUUID();
        try (var consumer = readCommittedConsumerFromStart(topic)) {
            relay.stop();
            try (var connection = WalletTestStack.shared().dataSource().getConnection()) {
                await().atMost(Duration.ofSeconds(10)).until(this::relayLockIsFree);
                var x1 = append(topic, key, messageTooLargeForTheTopic("x1"));
                append(topic, key, message("x2"));

                assertThatThrownBy(() -> relay.leadOn(connection, forAtMost(Duration.ofSeconds(30))))
                        .satisfies(OutboxRelayFailureIntegrationTest::causedByAMessageTooLargeForTheTopic);
                var visibleAfterTheFailedRound = readCommittedNamesOn(topic);
                var published = new ArrayList<String>();

                // the cause fixed; the relay of the context retries from the outbox
                jdbc.sql("update outbox set payload = cast(? as jsonb) where id = ?")
                        .params(message("x1"), x1)
                        .update();
                relay.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> published.add(name(record.value())));
                    return published.contains("x1") && published.contains("x2");
                });

                SoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(visibleAfterTheFailedRound)
                            .as("messages read_committed readers saw after the failed round")
                            .isEmpty();
                    softly.assertThat(published.stream().distinct().toList())
                            .as("first appearances on the topic")
                            .containsExactly("x1", "x2");
                });
                await().atMost(Duration.ofSeconds(5)).until(() -> outboxRowsKeyedBy(key) == 0);
            } finally {
                deleteOutboxRows(key);
                relay.start();
            }
        }
    }

    private long append(String topic, String key, String payload) {
        return jdbc.sql("insert into outbox (topic, message_key, payload) values (?, ?, cast(? as jsonb)) returning id")
                .params(topic, key, payload)
                .query(Long.class)
                .single();
    }

    private static String message(String name) {
        return "{\"name\": \"" + name + "\"}";
    }

    private static String messageTooLargeForTheTopic(String name) {
        return "{\"name\": \"" + name + "\", \"padding\": \"" + "x".repeat(2 * TOPIC_MAX_MESSAGE_BYTES) + "\"}";
    }

    private String name(String payload) {
        return json.readTree(payload).get("name").asString();
    }

    private void deleteOutboxRows(String key) {
        jdbc.sql("delete from outbox where message_key = ?").param(key).update();
    }

    private long outboxRowsKeyedBy(String key) {
        return jdbc.sql("select count(*) from outbox where message_key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    private static void causedByAMessageTooLargeForTheTopic(Throwable failure) {
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(RecordTooLargeException.class);
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

    /** Whether another session can take the relay's lock; it gives it straight back. */
    private boolean relayLockIsFree() throws SQLException {
        try (var connection = WalletTestStack.shared().dataSource().getConnection();
                var statement = connection.createStatement()) {
            try (var taken = statement.executeQuery("select pg_try_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")")) {
                if (!(taken.next() && taken.getBoolean(1))) {
                    return false;
                }
            }
            // unlocked here, not by closing: the session ends after close() returns, still holding the lock a moment
            statement.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
            return true;
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

    private static KafkaConsumer<String, String> readCommittedConsumerFromStart(String topic) {
        var consumer = new KafkaConsumer<String, String>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        WalletTestStack.shared().kafkaBootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        return consumer;
    }

    /** Everything a read_committed reader can see now: up to the last stable offset. */
    private List<String> readCommittedNamesOn(String topic) {
        return TopicReader.readCommitted(WalletTestStack.shared().kafkaBootstrapServers()).readToEnd(topic).stream()
                .map(record -> name(record.value()))
                .toList();
    }
}
