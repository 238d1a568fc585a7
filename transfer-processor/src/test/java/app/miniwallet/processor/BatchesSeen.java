package app.miniwallet.processor;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.listener.BatchInterceptor;

/** Remembers which records the listener got together, so a test can tell they formed one batch. */
class BatchesSeen implements BatchInterceptor<Object, Object> {

    private record Position(String topic, int partition, long offset) {}

    private final List<Set<Position>> batches = new CopyOnWriteArrayList<>();

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        batches.add(StreamSupport.stream(records.spliterator(), false)
                .map(record -> new Position(record.topic(), record.partition(), record.offset()))
                .collect(Collectors.toUnmodifiableSet()));
        return records;
    }

    boolean sawInOneBatch(RecordMetadata... records) {
        var wanted = Arrays.stream(records)
                .map(record -> new Position(record.topic(), record.partition(), record.offset()))
                .collect(Collectors.toSet());
        return batches.stream().anyMatch(batch -> batch.containsAll(wanted));
    }
}
