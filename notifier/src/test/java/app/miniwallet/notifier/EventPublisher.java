package app.miniwallet.notifier;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** Publishes events the way the processor and the API's outbox relay do: JSON, keyed by the user. */
final class EventPublisher {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static KafkaProducer<String, String> producer;

    private EventPublisher() {}

    static void publish(TransferEvent event) {
        send(
                Topics.TRANSFER_EVENTS,
                event.eventKey(),
                json.writerFor(TransferEvent.class).writeValueAsString(event));
    }

    /** A transfer event as a later schema version might write it: with a field this one does not know. */
    static void publishWithAFieldFromTheFuture(TransferEvent event) {
        var node = json.valueToTree(event);
        ((tools.jackson.databind.node.ObjectNode) node).put("loyalty_points", 42);
        ((tools.jackson.databind.node.ObjectNode) node)
                .put("event_type", event.getClass().getSimpleName());
        send(Topics.TRANSFER_EVENTS, event.eventKey(), node.toString());
    }

    static void publish(AccountEmailRequested request) {
        publishKeyedBy(request.userId().toString(), request);
    }

    /** Under a key of the caller's choosing: one that puts a malformed request on a known user's partition. */
    static void publishKeyedBy(String key, AccountEmailRequested request) {
        send(Topics.USER_EVENTS, key, json.writeValueAsString(request));
    }

    /** As the processor publishes a result: with the transfer's W3C trace context in a traceparent header. */
    static void publishTraced(TransferEvent event, String traceparent) {
        var record = new ProducerRecord<>(
                Topics.TRANSFER_EVENTS,
                event.eventKey(),
                json.writerFor(TransferEvent.class).writeValueAsString(event));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    /** As the api's relay publishes an account email asked for in a traced request. */
    static void publishTraced(AccountEmailRequested request, String traceparent) {
        var record =
                new ProducerRecord<>(Topics.USER_EVENTS, request.userId().toString(), json.writeValueAsString(request));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            WalletTestStack.shared().kafkaBootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new StringSerializer());
        }
        return producer;
    }

    private static void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private static void send(ProducerRecord<String, String> record) {
        var topic = record.topic();
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }
}
