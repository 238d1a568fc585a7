package app.miniwallet.loadtests.bench;

import app.miniwallet.contracts.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code wallet.transfer-events} as analytics would (read_committed) and matches each result to the request that
 * asked for it: submit-to-completed latency is the time the event became visible here minus the time the request was
 * due. An event can overtake the 202 it belongs to (the response is still being parsed); then the event waits here for
 * its request.
 */
final class CompletionWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompletionWatcher.class);
    private static final String TRANSFER_ID = "\"transfer_id\":\"";
    private static final String REJECTED = "\"event_type\":\"TransferRejected\"";

    private sealed interface Waiting permits Request, Event {}

    private record Request(LoadRun run, long intendedNanos) implements Waiting {}

    private record Event(long seenNanos, boolean rejected) implements Waiting {}

    private final Map<UUID, Waiting> waiting = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    CompletionWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000));
        var partitions = consumer.partitionsFor(Topics.TRANSFER_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the positions now: events of requests sent from here on must not be skipped by a lazy seek
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        poller = new Thread(this::pollWhileRunning, "completion-watcher");
        poller.setDaemon(true);
        poller.start();
    }

    /** The api accepted the request: its result event may come (or may have come already). */
    void accepted(UUID transferId, LoadRun run, long intendedNanos) {
        var earlier = waiting.putIfAbsent(transferId, new Request(run, intendedNanos));
        if (earlier instanceof Event event && waiting.remove(transferId, earlier)) {
            run.completed(intendedNanos, event.seenNanos(), event.rejected());
        }
    }

    /** Forgets events no request of a run claimed: results of transfers this benchmark did not make. */
    void forgetUnclaimedEvents() {
        waiting.values().removeIf(Event.class::isInstance);
    }

    private void pollWhileRunning() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                var seen = System.nanoTime();
                for (var record : records) {
                    onEvent(record.value(), seen);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } catch (RuntimeException e) {
            log.error("the completion watcher stopped reading events; completions from here on are missing", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onEvent(String json, long seenNanos) {
        if (json == null) {
            return;
        }
        var start = json.indexOf(TRANSFER_ID);
        if (start < 0) {
            return;
        }
        start += TRANSFER_ID.length();
        UUID transferId;
        try {
            transferId = UUID.fromString(json.substring(start, json.indexOf('"', start)));
        } catch (RuntimeException notAnId) {
            return;
        }
        var rejected = json.contains(REJECTED);
        var earlier = waiting.putIfAbsent(transferId, new Event(seenNanos, rejected));
        if (earlier instanceof Request request && waiting.remove(transferId, earlier)) {
            request.run().completed(request.intendedNanos(), seenNanos, rejected);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
