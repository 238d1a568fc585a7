package app.miniwallet.systemtests.fault;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to {@code wallet.transfer-requests} behind the api's back, as a misbehaving relay or producer would: copies
 * of records that are already there, and poison (a value that is not JSON, a request naming no existing transfer).
 * Reads the dead-letter topic to see where the poison went.
 */
final class RequestRecords implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    RequestRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        // copies must land exactly where asked, and nothing else may be duplicated by us
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer());
    }

    /** The request records on the topic now whose value names one of these transfers. */
    List<ConsumerRecord<String, String>> requestsFor(Set<TransferId> transfers) {
        var wanted = transfers.stream().map(TransferId::toString).collect(Collectors.toSet());
        return readAll(Topics.TRANSFER_REQUESTS).stream()
                .filter(record -> record.value() != null
                        && wanted.stream().anyMatch(id -> record.value().contains(id)))
                .toList();
    }

    /** Produces a copy of the record (key, value, headers) to the same topic; returns how many were sent. */
    void duplicate(ConsumerRecord<String, String> record, int copies) {
        for (int i = 0; i < copies; i++) {
            send(new ProducerRecord<>(Topics.TRANSFER_REQUESTS, null, record.key(), record.value(), record.headers()));
        }
    }

    /** A value that is not JSON, keyed like the requester's own records so it sits in their partition. */
    String sendUnparseable(AccountId requester) {
        var marker = "poison-" + UUID.randomUUID();
        send(new ProducerRecord<>(
                Topics.TRANSFER_REQUESTS, requester.toString(), "{\"transfer_id\": \"" + marker + "\", oops"));
        return marker;
    }

    /** A well-formed request for a transfer that does not exist. */
    TransferId sendUnknownTransfer(AccountId requester, AccountId receiver) {
        var unknown = TransferId.next();
        var value =
                """
                {"schema_version": 1, "transfer_id": "%s", "kind": "TRANSFER", "sender_id": %d, "receiver_id": %d,
                 "amount_minor": 100, "fee_minor": 2, "requested_at": "%s"}"""
                        .formatted(unknown, requester.value(), receiver.value(), Instant.now());
        send(new ProducerRecord<>(Topics.TRANSFER_REQUESTS, requester.toString(), value));
        return unknown;
    }

    /** Dead letters whose value contains the text, with the reason header the processor gives them. */
    List<DeadLetter> deadLettersContaining(String text) {
        var found = new ArrayList<DeadLetter>();
        for (var record : readAll(Topics.TRANSFER_REQUESTS_DLT)) {
            if (record.value() != null && record.value().contains(text)) {
                var reason = record.headers().lastHeader(Topics.DLT_REASON_HEADER);
                found.add(new DeadLetter(
                        record.key(),
                        record.value(),
                        reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8)));
            }
        }
        return found;
    }

    record DeadLetter(String key, String value, String reason) {}

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce to " + record.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }

    /** Every record of the topic up to its current end; the committed ones only. */
    private List<ConsumerRecord<String, String>> readAll(String topic) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5_000),
                new StringDeserializer(),
                new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, READ_TIMEOUT);
            var records = new ArrayList<ConsumerRecord<String, String>>();
            var deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
