package app.miniwallet.analytics;

import static app.miniwallet.analytics.TransferEvents.completedTopUp;
import static app.miniwallet.analytics.TransferEvents.completedTransfer;
import static app.miniwallet.analytics.TransferEvents.rejectedTransfer;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transfer results written the way the processor writes them: JSON keyed by the user who asked, in Kafka transactions.
 * Besides, what the service must cope with: transactions that abort (never to be counted) and copies of committed
 * records written by a producer outside any transaction, some under another key (each to be counted once).
 */
public final class Workload implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final KafkaProducer<String, String> transactional;
    private final KafkaProducer<String, String> plain;
    private final long firstUser;
    private final int users;

    private Workload(String bootstrapServers, long firstUser, int users) {
        this.transactional = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "analytics-workload-" + UUID.randomUUID(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new StringSerializer());
        transactional.initTransactions();
        this.plain = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer());
        this.firstUser = firstUser;
        this.users = users;
    }

    /** Among {@code users} users of their own, numbered from a random start so that runs do not share users. */
    public static Workload ofUsers(String bootstrapServers, int users) {
        return new Workload(bootstrapServers, ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000), users);
    }

    public long firstUser() {
        return firstUser;
    }

    /**
     * {@code count} transfer results in transactions of {@code perTransaction}: about three in four completed transfers,
     * one in seven rejected, the rest top-ups, at moments spread over the last three minutes.
     */
    public List<TransferEvent> commit(int count, int perTransaction) {
        var all = new ArrayList<TransferEvent>(count);
        while (all.size() < count) {
            var batch = events(Math.min(perTransaction, count - all.size()));
            transactional.beginTransaction();
            batch.forEach(event -> transactional.send(record(event.eventKey(), event)));
            transactional.commitTransaction();
            all.addAll(batch);
        }
        return all;
    }

    /** Results written in a transaction that then aborts: a read_committed reader never sees them. */
    public void abort(int count) {
        transactional.beginTransaction();
        events(count).forEach(event -> transactional.send(record(event.eventKey(), event)));
        transactional.flush();
        transactional.abortTransaction();
    }

    /** Writes each event again, outside any transaction; every other copy under another key. */
    public void duplicate(List<TransferEvent> events) {
        for (var i = 0; i < events.size(); i++) {
            var event = events.get(i);
            var key = i % 2 == 0 ? event.eventKey() : "copied-" + i;
            plain.send(record(key, event));
        }
        plain.flush();
    }

    /** A record no reader can use, as a hand-made mistake on the topic would be. */
    public void garbage() {
        plain.send(new ProducerRecord<>(Topics.TRANSFER_EVENTS, "garbage", "{\"this is\": \"no transfer event\"}"));
        plain.flush();
    }

    private List<TransferEvent> events(int count) {
        var random = ThreadLocalRandom.current();
        var now = Instant.now();
        var events = new ArrayList<TransferEvent>(count);
        for (var i = 0; i < count; i++) {
            var at = now.minusMillis(random.nextLong(Duration.ofMinutes(3).toMillis()));
            var sender = firstUser + random.nextInt(users);
            var receiver = firstUser + (sender - firstUser + 1 + random.nextInt(users - 1)) % users;
            var amount = random.nextLong(1, 100_000);
            var fee = Math.max(1, amount / 100);
            var dice = random.nextInt(100);
            events.add(
                    dice < 75
                            ? completedTransfer(sender, receiver, amount, fee, at)
                            : dice < 89
                                    ? rejectedTransfer(sender, receiver, amount, fee, at)
                                    : completedTopUp(receiver, amount, at));
        }
        return events;
    }

    private static ProducerRecord<String, String> record(String key, TransferEvent event) {
        return new ProducerRecord<>(
                Topics.TRANSFER_EVENTS, key, json.writerFor(TransferEvent.class).writeValueAsString(event));
    }

    @Override
    public void close() {
        transactional.close(Duration.ofSeconds(5));
        plain.close(Duration.ofSeconds(5));
    }
}
