package app.miniwallet.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@ApiIntegrationTest
class OutboxRelayIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void publishesEachAcceptedTransferKeyedBySenderInAcceptanceOrderThenDeletesTheRow() {
        var sender = fixtures.personWith("1000.00");
        var receiver = fixtures.personWithNoMoney();
        try (var consumer = consumerAtEnd()) {
            var accepted = new ArrayList<String>();
            var acceptedAt = new ArrayList<Instant>();
            for (int i = 1; i <= 20; i++) {
                var response = fixtures.client()
                        .post()
                        .uri("/api/transfers")
                        .header("Authorization", sender.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"receiver_id\": " + receiver.account() + ", \"amount\": \"" + i + ".00\"}")
                        .exchange()
                        .expectStatus()
                        .isAccepted()
                        .returnResult(Map.class);
                accepted.add((String) response.getResponseBody().get("id"));
                acceptedAt.add(Instant.parse((String) response.getResponseBody().get("created_at")));
            }

            var published = new ArrayList<ConsumerRecord<String, String>>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(sender.account().toString())) {
                        published.add(record);
                    }
                });
                return published.size() >= accepted.size();
            });

            var requests = published.stream()
                    .map(record -> json.readValue(record.value(), TransferRequested.class))
                    .toList();
            assertThat(requests).extracting(r -> r.transferId().toString()).containsExactlyElementsOf(accepted);
            // the acceptance time the 202 showed (the database clock read once the turn came) travels in the message
            assertThat(requests).extracting(TransferRequested::requestedAt).containsExactlyElementsOf(acceptedAt);
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.senderId()).isEqualTo(sender.account());
                assertThat(request.receiverId()).isEqualTo(receiver.account());
            });
            assertThat(published)
                    .extracting(ConsumerRecord::partition)
                    .containsOnly(published.get(0).partition());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> outboxRowsKeyedBy(sender.account().toString()) == 0);
        }
    }

    private long outboxRowsKeyedBy(String key) {
        return jdbc.sql("select count(*) from outbox where message_key = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    private static KafkaConsumer<String, String> consumerAtEnd() {
        var consumer = new KafkaConsumer<String, String>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        WalletTestStack.shared().kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "outbox-test-" + UUID.randomUUID(),
                        // as the processor reads: only what a committed relay round published
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRANSFER_REQUESTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
