package app.miniwallet.processor.deadletter.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.processor.deadletter.DeadLetterRecord;
import app.miniwallet.processor.deadletter.TransferRequestsCopies;
import app.miniwallet.processor.transfer.RecordPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends copies with a producer of its own: idempotent, acks=all, and not transactional, so it takes no transactional
 * id from the pool the listener's consumers fence each other with. The key is the dead letter's, byte for byte, so
 * the copy goes to the partition the original went to.
 */
class KafkaTransferRequestsCopies implements TransferRequestsCopies, AutoCloseable {

    static final String TRACEPARENT = "traceparent";

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<byte[], byte[]> producer;

    KafkaTransferRequestsCopies(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public List<RecordPosition> send(List<DeadLetterRecord> deadLetters) {
        var sent = new ArrayList<Future<RecordMetadata>>(deadLetters.size());
        for (var deadLetter : deadLetters) {
            var headers = new RecordHeaders();
            if (deadLetter.traceparent() != null) {
                headers.add(TRACEPARENT, deadLetter.traceparent());
            }
            headers.add(
                    Topics.REDRIVEN_FROM_HEADER,
                    deadLetter.position().toString().getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(new ProducerRecord<>(
                    Topics.TRANSFER_REQUESTS, null, deadLetter.key(), deadLetter.value(), headers)));
        }
        var landed = new ArrayList<RecordPosition>(sent.size());
        try {
            for (var future : sent) {
                var metadata = future.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                landed.add(new RecordPosition(metadata.partition(), metadata.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for Kafka to acknowledge the redrive", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException(
                    "Kafka did not acknowledge the redrive of " + deadLetters.size()
                            + " dead letters; none is recorded as redriven",
                    e);
        }
        return landed;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
