package app.miniwallet.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.contracts.Topics;
import app.miniwallet.testsupport.kafka.TopicReader;
import app.miniwallet.testsupport.stack.WalletTestStack;
import app.miniwallet.testsupport.tracing.TestTrace;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A transfer's request carries the trace of the HTTP request that submitted it: in its outbox row, then in the
 * {@code traceparent} header of the record the relay publishes. The context's relay is held back while a test looks
 * at the row, which it would otherwise delete within moments.
 */
@ApiIntegrationTest
class TransferTraceIntegrationTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxRelay relay;

    @Autowired
    DataSource dataSource;

    @Test
    void theTraceOfTheSubmittingRequestGoesIntoTheOutboxRowAndTheRequestRecordsHeaders() throws Exception {
        var trace = TestTrace.random();
        var traceId = trace.traceId();
        var held = submitHeldInOutbox(trace.traceparent());

        assertThat(held.traceparent()).matches(TRACEPARENT).startsWith("00-" + traceId + "-");
        assertThat(traceparentOf(publishedRequestFor(held.transferId()))).isEqualTo(held.traceparent());
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceOfItsOwn() throws Exception {
        var first = submitHeldInOutbox(null);
        var second = submitHeldInOutbox(null);

        assertThat(first.traceparent()).matches(TRACEPARENT).doesNotStartWith("00-00000000000000000000000000000000");
        assertThat(second.traceparent()).matches(TRACEPARENT);
        assertThat(traceIdOf(second.traceparent())).isNotEqualTo(traceIdOf(first.traceparent()));
        assertThat(traceparentOf(publishedRequestFor(first.transferId()))).isEqualTo(first.traceparent());
    }

    /** A submitted transfer and the traceparent its outbox row held before the relay published it. */
    private record Held(String transferId, String traceparent) {}

    /** Submits with the relay stopped, so that the outbox row stays until it has been read. */
    private Held submitHeldInOutbox(String traceparent) throws SQLException {
        var sender = fixtures.personWith("100.00");
        var receiver = fixtures.personWithNoMoney();
        relay.stop();
        try {
            await().atMost(Duration.ofSeconds(10)).until(this::relayLockIsFree);
            var request = fixtures.client()
                    .post()
                    .uri("/api/transfers")
                    .header("Authorization", sender.bearer())
                    .contentType(MediaType.APPLICATION_JSON);
            if (traceparent != null) {
                request = request.header("traceparent", traceparent);
            }
            var response = request.body("{\"receiver_id\": " + receiver.account() + ", \"amount\": \"1.00\"}")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .returnResult(Map.class);
            var transferId = (String) response.getResponseBody().get("id");
            return new Held(transferId, traceparentInOutbox(transferId));
        } finally {
            relay.start();
        }
    }

    private String traceparentInOutbox(String transferId) {
        return jdbc.sql("select traceparent from outbox where topic = ? and payload ->> 'transfer_id' = ?")
                .params(Topics.TRANSFER_REQUESTS, transferId)
                .query(String.class)
                .single();
    }

    /** The request record the relay published for the transfer, read to the topic's end as the processor reads. */
    private static ConsumerRecord<String, String> publishedRequestFor(String transferId) {
        var reader = TopicReader.readCommitted(WalletTestStack.shared().kafkaBootstrapServers());
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> reader.readToEnd(Topics.TRANSFER_REQUESTS).stream()
                                .filter(record -> record.value().contains(transferId))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static String traceparentOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("traceparent");
        assertThat(header).as("the traceparent header of %s", record).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String traceIdOf(String traceparent) {
        var matcher = TRACEPARENT.matcher(traceparent);
        assertThat(matcher.matches()).isTrue();
        return matcher.group(1);
    }

    private boolean relayLockIsFree() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            try (var taken = statement.executeQuery("select pg_try_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")")) {
                taken.next();
                if (!taken.getBoolean(1)) {
                    return false;
                }
            }
            statement.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
            return true;
        }
    }
}
