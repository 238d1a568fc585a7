package app.miniwallet.systemtests.fault;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.testsupport.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to {@code wallet.transfer-requests} behind the api's back, as a misbehaving relay or producer would: copies
 * of records that are already there, and poison (a value that is not JSON, a request naming no existing transfer).
 * Reads the dead-letter topic to see where the poison went.
 */
final class RequestRecords implements AutoCloseable {

    private final TopicReader reader;
    private final KafkaProducer<String, String> producer;

    RequestRecords(String bootstrapServers) {
        this.reader = TopicReader.readCommitted(bootstrapServers);
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
        return reader.readToEnd(Topics.TRANSFER_REQUESTS).stream()
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
        for (var record : reader.readToEnd(Topics.TRANSFER_REQUESTS_DLT)) {
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

    @Override
    public void close() {
        producer.close();
    }
}
