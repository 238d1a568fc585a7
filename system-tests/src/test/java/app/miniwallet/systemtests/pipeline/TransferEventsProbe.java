package app.miniwallet.systemtests.pipeline;

import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/** Reads wallet.transfer-events as analytics would (read_committed), from the moment it is made. */
final class TransferEventsProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<TransferEvent> seen = new ArrayList<>();

    TransferEventsProbe() {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        WalletTestStack.shared().kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "transfer-events-probe-" + UUID.randomUUID(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
        var partitions = consumer.partitionsFor(Topics.TRANSFER_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Waits for the transfer's event, then makes sure no second one follows within a short while. */
    TransferEvent awaitOneEventFor(String transferId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsFor(transferId).size() >= 1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> eventsFor(transferId).size() == 1);
        return eventsFor(transferId).get(0);
    }

    /** Every transfer has its event, and none has two, also after a settling pause. */
    void awaitExactlyOneEventEach(List<String> transferIds) {
        var wanted = java.util.Set.copyOf(transferIds);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return seen.stream()
                            .map(event -> event.transferId().toString())
                            .filter(wanted::contains)
                            .distinct()
                            .count()
                    == wanted.size();
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
            poll();
            return seen.stream()
                            .map(event -> event.transferId().toString())
                            .filter(wanted::contains)
                            .count()
                    == wanted.size();
        });
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(100))
                .forEach(record -> seen.add(json.readValue(record.value(), TransferEvent.class)));
    }

    private List<TransferEvent> eventsFor(String transferId) {
        poll();
        return seen.stream()
                .filter(event -> event.transferId().toString().equals(transferId))
                .toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
