package app.miniwallet.api.auth;

import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.user.AccountEmailRequested;
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

/** Reads what the API asked the notifier to email, from wallet.user-events, from the moment it is made. */
final class AccountEmailsProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<AccountEmailRequested> seen = new ArrayList<>();

    AccountEmailsProbe() {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        WalletTestStack.shared().kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "account-emails-probe-" + UUID.randomUUID()),
                new StringDeserializer(),
                new StringDeserializer());
        var partitions = consumer.partitionsFor(Topics.USER_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    AccountEmailRequested awaitEmailTo(String email, AccountEmailRequested.Purpose purpose) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> {
                            poll();
                            return seen.stream()
                                    .filter(request -> request.email().equals(email) && request.purpose() == purpose)
                                    .reduce((first, second) -> second)
                                    .orElse(null);
                        },
                        found -> found != null);
    }

    /** Everything asked for so far to this address (polls once more first). */
    List<AccountEmailRequested> emailsTo(String email) {
        poll();
        return seen.stream()
                .filter(request -> request.email().equalsIgnoreCase(email))
                .toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200))
                .forEach(record -> seen.add(json.readValue(record.value(), AccountEmailRequested.class)));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
