package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code wallet.transfer-events} as an analytics consumer would (read_committed) and copies
 * what it needs of each event into a temporary table, so the checks compare events with transfers
 * in SQL instead of in memory.
 *
 * <p>It assigns every partition and reads from the beginning, without a group id: a check must
 * see the whole topic and must never move anybody's committed offsets. Each {@link #readToEnd} call
 * continues where the last stopped, up to the end offsets of that moment.
 */
final class TransferEventsReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransferEventsReader.class);

    static final String EVENTS_TABLE = "invariant_check_events";

    /** A broker that answers nothing for this long is down, not slow. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.]{1,64}");

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Predicate<ReadEvent> inScope;
    private final JsonMapper json = JsonMapper.builder().build();
    private long eventsLoaded;

    TransferEventsReader(String bootstrapServers, Predicate<ReadEvent> inScope) {
        this.inScope = inScope;
        var settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "wallet-invariant-checker");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(STALL_LIMIT.toMillis()));
        this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            var infos = consumer.partitionsFor(Topics.TRANSFER_EVENTS, STALL_LIMIT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.TRANSFER_EVENTS + " does not exist");
            }
            this.partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    static void createTable(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("drop table if exists pg_temp." + EVENTS_TABLE);
            statement.execute(
                    "create temporary table " + EVENTS_TABLE
                            + """
                     (
                        transfer_id     uuid   not null,
                        event_id        uuid,
                        event_type      text   not null,
                        sender_id       bigint,
                        receiver_id     bigint,
                        kafka_partition int    not null,
                        kafka_offset    bigint not null)""");
        }
    }

    /**
     * Reads every committed event up to the end offsets of this moment into the events table;
     * records that break the event contract become violations.
     *
     * @return events in scope loaded so far, over all calls
     */
    long readToEnd(Connection connection, Findings findings) throws SQLException {
        var started = System.nanoTime();
        var read = 0L;
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, STALL_LIMIT);
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        var lastProgress = System.nanoTime();
        while (behind(end)) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("no events from " + Topics.TRANSFER_EVENTS + " for " + STALL_LIMIT
                            + ", still behind " + end);
                }
                continue;
            }
            lastProgress = System.nanoTime();
            read += records.count();
            var rows = new StringBuilder();
            for (var record : records) {
                var event = parse(record, findings);
                if (event != null && inScope.test(event)) {
                    event.appendCopyRow(rows);
                    eventsLoaded++;
                }
            }
            if (!rows.isEmpty()) {
                try {
                    copy.copyIn(
                            "copy " + EVENTS_TABLE
                                    + " (transfer_id, event_id, event_type, sender_id, receiver_id, kafka_partition, kafka_offset)"
                                    + " from stdin",
                            new StringReader(rows.toString()));
                } catch (IOException e) {
                    throw new SQLException("could not copy events into " + EVENTS_TABLE, e);
                }
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("analyze " + EVENTS_TABLE);
        }
        log.info(
                "read {} events from {} in {} ms, {} of them in scope so far",
                read,
                Topics.TRANSFER_EVENTS,
                (System.nanoTime() - started) / 1_000_000,
                eventsLoaded);
        return eventsLoaded;
    }

    private boolean behind(Map<TopicPartition, Long> end) {
        for (var partition : partitions) {
            if (consumer.position(partition, STALL_LIMIT) < end.getOrDefault(partition, 0L)) {
                return true;
            }
        }
        return false;
    }

    /** The fields the checks need, or {@code null} after recording why the record is unreadable. */
    private ReadEvent parse(ConsumerRecord<String, byte[]> record, Findings findings) {
        var position = record.partition() + "@" + record.offset();
        if (record.value() == null) {
            findings.add(new Violation(Violation.Kind.UNREADABLE_EVENT, "record " + position + " has no value"));
            return null;
        }
        try {
            JsonNode tree = json.readTree(record.value());
            var eventType = tree.path("event_type");
            if (!eventType.isString()
                    || !EVENT_TYPE.matcher(eventType.stringValue()).matches()) {
                findings.add(new Violation(
                        Violation.Kind.UNREADABLE_EVENT, "record " + position + " has no readable event_type"));
                return null;
            }
            var transferId = UUID.fromString(tree.path("transfer_id").asString());
            var eventId = tree.path("event_id");
            return new ReadEvent(
                    transferId,
                    eventId.isString() ? UUID.fromString(eventId.stringValue()) : null,
                    eventType.stringValue(),
                    accountId(tree.path("sender_id")),
                    accountId(tree.path("receiver_id")),
                    record.partition(),
                    record.offset());
        } catch (JacksonException | IllegalArgumentException e) {
            findings.add(new Violation(
                    Violation.Kind.UNREADABLE_EVENT,
                    "record " + position + " is not a transfer event: " + e.getMessage()));
            return null;
        }
    }

    private static Long accountId(JsonNode node) {
        return node.canConvertToLong() && node.isIntegralNumber() ? node.longValue() : null;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    /** What the checks keep of one event. A missing account id is {@code null}. */
    record ReadEvent(
            UUID transferId,
            UUID eventId,
            String eventType,
            Long senderId,
            Long receiverId,
            int partition,
            long offset) {

        boolean involvesAnyOf(Set<Long> accounts) {
            return (senderId != null && accounts.contains(senderId))
                    || (receiverId != null && accounts.contains(receiverId));
        }

        /** One line of PostgreSQL's COPY text format; every field is a uuid, a number or a safe word. */
        void appendCopyRow(StringBuilder rows) {
            rows.append(transferId)
                    .append('\t')
                    .append(eventId == null ? "\\N" : eventId.toString())
                    .append('\t')
                    .append(eventType)
                    .append('\t')
                    .append(senderId == null ? "\\N" : senderId.toString())
                    .append('\t')
                    .append(receiverId == null ? "\\N" : receiverId.toString())
                    .append('\t')
                    .append(partition)
                    .append('\t')
                    .append(offset)
                    .append('\n');
        }
    }
}
