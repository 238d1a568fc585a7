package app.miniwallet.api.auth;

import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.platform.encryption.EventEncryptionSettings;
import app.miniwallet.platform.encryption.EventFieldCipher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the API asked the notifier to email, from wallet.user-events, from the moment it is made, and decrypts
 * its token as the notifier does.
 */
final class AccountEmailsProbe implements AutoCloseable {

    /** An email asked for: the event, its token decrypted, and the record's value as it is on Kafka. */
    record Emailed(AccountEmailRequested event, String token, String recordValue) {
        String email() {
            return event.email();
        }

        AccountEmailRequested.Purpose purpose() {
            return event.purpose();
        }

        AccountId userId() {
            return event.userId();
        }

        Instant occurredAt() {
            return event.occurredAt();
        }

        Instant expiresAt() {
            return event.expiresAt();
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventFieldCipher cipher =
            new EventFieldCipher(new EventEncryptionSettings(WalletTestStack.EVENT_ENCRYPTION_KEY, null));
    private final List<Emailed> seen = new ArrayList<>();

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

    Emailed awaitEmailTo(String email, AccountEmailRequested.Purpose purpose) {
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
    List<Emailed> emailsTo(String email) {
        poll();
        return seen.stream()
                .filter(request -> request.email().equalsIgnoreCase(email))
                .toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            var event = json.readValue(record.value(), AccountEmailRequested.class);
            var token = cipher.decrypt(
                    event.tokenCiphertext(),
                    AccountEmailRequested.tokenAssociatedData(event.eventId(), event.userId(), event.purpose()));
            seen.add(new Emailed(event, token, record.value()));
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
