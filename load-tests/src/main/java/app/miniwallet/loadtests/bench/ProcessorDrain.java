package app.miniwallet.loadtests.bench;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.FeeRule;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRequested;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processor drain: with the transfer-processor stopped, pre-load a backlog of transfer requests the way the api
 * would have left them (PENDING transfers rows, written with COPY; their TransferRequested records in
 * wallet.transfer-requests, from a fast producer), then start the processor and time how long it takes to decide them
 * all. Progress is read from the processor's committed consumer offsets, which it commits in the same Kafka
 * transaction as the result events, so "all offsets committed" means "all decided and published".
 */
final class ProcessorDrain {

    /** The processor's consumer group: its listener id. */
    static final String PROCESSOR_GROUP = "transfer-processor";

    private static final Logger log = LoggerFactory.getLogger(ProcessorDrain.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration NO_PROGRESS_LIMIT = Duration.ofMinutes(3);
    private static final int COPY_CHUNK = 1 << 16;

    /**
     * @param preloadRows how long COPY took for the transfers rows
     * @param preloadRecords how long producing the request records took
     * @param processorStartup from launching the processor to its health check answering
     * @param drain from the first decision to the moment all offsets were committed
     * @param processedPerSecond records whose offsets were committed, per second from the processor's launch
     */
    record Result(
            Scenario scenario,
            int records,
            Duration preloadRows,
            Duration preloadRecords,
            Duration processorStartup,
            Duration drain,
            long completed,
            long rejected,
            long pending,
            long[] processedPerSecond) {

        double perSecond() {
            return (completed + rejected) / (drain.toNanos() / 1e9);
        }

        long decided() {
            return completed + rejected;
        }
    }

    private final BenchStack stack;
    private final BenchUsers users;
    private final ResourceWatch watch;
    private final JsonMapper json = JsonMapper.builder().build();

    ProcessorDrain(BenchStack stack, BenchUsers users, ResourceWatch watch) {
        this.stack = stack;
        this.users = users;
        this.watch = watch;
    }

    /** Runs one drain; {@code made} collects the ids of the transfers it created, for the invariant checker. */
    Result run(Scenario scenario, int count, long seed, List<UUID> made) {
        log.info(
                "processor drain, {}: stopping the transfer-processor and pre-loading {} requests",
                scenario.label(),
                count);
        stack.stopProcessor();
        var backlog = Backlog.generate(scenario, users, count, seed);
        var began = System.nanoTime();
        copyRows(backlog);
        var rowsTook = Duration.ofNanos(System.nanoTime() - began);
        began = System.nanoTime();
        Map<TopicPartition, Long> endOffsets;
        try (var admin = admin()) {
            produce(backlog);
            endOffsets = endOffsets(admin);
        }
        var recordsTook = Duration.ofNanos(System.nanoTime() - began);
        log.info(
                "pre-loaded {} rows in {} ms and {} records in {} ms; starting the transfer-processor",
                count,
                rowsTook.toMillis(),
                count,
                recordsTook.toMillis());

        var processed = new ArrayList<Long>();
        var launched = System.nanoTime();
        Instant doneAt;
        Duration startup;
        try (var admin = admin()) {
            var before = committed(admin);
            startup = stack.startProcessor();
            try (var recording = watch.begin("drain " + scenario.label())) {
                doneAt = awaitDrained(admin, endOffsets, before, launched, processed);
            }
        }
        for (var id : backlog.ids) {
            made.add(id);
        }
        return summarize(scenario, backlog, rowsTook, recordsTook, startup, doneAt, processed);
    }

    /** The transfers and their records, generated once so that rows and records agree. */
    private static final class Backlog {
        final UUID[] ids;
        final long[] senders;
        final long[] receivers;
        final long[] amounts;
        final long[] fees;
        final boolean[] topUps;
        final Instant firstCreatedAt;

        private Backlog(int count, Instant firstCreatedAt) {
            ids = new UUID[count];
            senders = new long[count];
            receivers = new long[count];
            amounts = new long[count];
            fees = new long[count];
            topUps = new boolean[count];
            this.firstCreatedAt = firstCreatedAt;
        }

        static Backlog generate(Scenario scenario, BenchUsers users, int count, long seed) {
            // each row 1 µs apart in record order, so acceptance order is the production order per sender
            var backlog = new Backlog(
                    count, Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
            var random = new SplittableRandom(seed);
            for (int i = 0; i < count; i++) {
                var request = scenario.next(users, random);
                backlog.ids[i] = TransferId.next().value();
                if (request instanceof WalletRequest.Transfer transfer) {
                    backlog.senders[i] = transfer.sender();
                    backlog.receivers[i] = transfer.receiver();
                    backlog.amounts[i] = transfer.amountMinor();
                    backlog.fees[i] = FeeRule.STANDARD
                            .feeFor(Money.ofMinor(transfer.amountMinor()))
                            .minor();
                } else {
                    var topUp = (WalletRequest.TopUp) request;
                    backlog.senders[i] = AccountId.CASH_IN.value();
                    backlog.receivers[i] = topUp.user();
                    backlog.amounts[i] = topUp.amountMinor();
                    backlog.topUps[i] = true;
                }
            }
            return backlog;
        }

        int size() {
            return ids.length;
        }

        Instant createdAt(int index) {
            return firstCreatedAt.plusNanos(index * 1_000L);
        }

        Instant createdAfterLast() {
            return createdAt(ids.length);
        }

        long requestedBy(int index) {
            return topUps[index] ? receivers[index] : senders[index];
        }
    }

    private void copyRows(Backlog backlog) {
        try (var connection = stack.dataSource().getConnection()) {
            var copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            """
                            copy transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor,
                                            status, created_at) from stdin""");
            try {
                var text = new StringBuilder(COPY_CHUNK + 512);
                for (int i = 0; i < backlog.size(); i++) {
                    text.append(backlog.ids[i])
                            .append('\t')
                            .append(backlog.topUps[i] ? "TOP_UP" : "TRANSFER")
                            .append('\t')
                            .append(backlog.requestedBy(i))
                            .append('\t')
                            .append(backlog.senders[i])
                            .append('\t')
                            .append(backlog.receivers[i])
                            .append('\t')
                            .append(backlog.amounts[i])
                            .append('\t')
                            .append(backlog.fees[i])
                            .append("\tPENDING\t")
                            .append(backlog.createdAt(i))
                            .append('\n');
                    if (text.length() >= COPY_CHUNK) {
                        var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        text.setLength(0);
                    }
                }
                var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not COPY the drain's transfers rows", e);
        }
    }

    private void produce(Backlog backlog) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.connections().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                128L * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            for (int i = 0; i < backlog.size(); i++) {
                var request = new TransferRequested(
                        TransferRequested.SCHEMA_VERSION,
                        TransferId.of(backlog.ids[i]),
                        backlog.topUps[i] ? TransferKind.TOP_UP : TransferKind.TRANSFER,
                        AccountId.of(backlog.senders[i]),
                        AccountId.of(backlog.receivers[i]),
                        backlog.amounts[i],
                        backlog.fees[i],
                        backlog.createdAt(i));
                producer.send(new ProducerRecord<>(
                        Topics.TRANSFER_REQUESTS, request.requestKey(), json.writeValueAsString(request)));
            }
            producer.flush();
        }
    }

    private Instant awaitDrained(
            Admin admin,
            Map<TopicPartition, Long> endOffsets,
            long before,
            long launched,
            List<Long> processedPerSecond) {
        var target = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        var lastCommitted = before;
        var lastProgress = System.nanoTime();
        var secondStart = launched;
        var secondBase = before;
        while (true) {
            var committed = committed(admin);
            var now = System.nanoTime();
            while (now - secondStart >= 1_000_000_000L) {
                processedPerSecond.add(Math.max(0, committed - secondBase));
                secondBase = committed;
                secondStart += 1_000_000_000L;
            }
            if (committed >= target) {
                processedPerSecond.add(Math.max(0, committed - secondBase));
                return Instant.now();
            }
            if (committed != lastCommitted) {
                lastCommitted = committed;
                lastProgress = now;
            } else if (now - lastProgress > NO_PROGRESS_LIMIT.toNanos()) {
                throw new IllegalStateException("the transfer-processor made no progress for " + NO_PROGRESS_LIMIT
                        + " with " + (target - committed) + " requests left; see " + stack.logs());
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private Result summarize(
            Scenario scenario,
            Backlog backlog,
            Duration rowsTook,
            Duration recordsTook,
            Duration startup,
            Instant doneAt,
            List<Long> processed) {
        try (var connection = stack.dataSource().getConnection();
                var query = connection.prepareStatement(
                        """
                        select count(*) filter (where status = 'COMPLETED'),
                               count(*) filter (where status = 'REJECTED'),
                               count(*) filter (where status = 'PENDING'),
                               min(completed_at)
                          from transfers
                         where created_at >= ? and created_at < ?""")) {
            query.setTimestamp(1, Timestamp.from(backlog.firstCreatedAt));
            query.setTimestamp(2, Timestamp.from(backlog.createdAfterLast()));
            try (var row = query.executeQuery()) {
                row.next();
                var firstDecision = row.getTimestamp(4);
                var drain = firstDecision == null ? Duration.ZERO : Duration.between(firstDecision.toInstant(), doneAt);
                var result = new Result(
                        scenario,
                        backlog.size(),
                        rowsTook,
                        recordsTook,
                        startup,
                        drain,
                        row.getLong(1),
                        row.getLong(2),
                        row.getLong(3),
                        processed.stream().mapToLong(Long::longValue).toArray());
                log.info(
                        "drained {} {} requests in {} ms: {}/s ({} completed, {} rejected, {} pending)",
                        result.records(),
                        scenario.label(),
                        drain.toMillis(),
                        Math.round(result.perSecond()),
                        result.completed(),
                        result.rejected(),
                        result.pending());
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the drained transfers", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.connections().kafkaBootstrapServers()));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) {
        try {
            var partitions = admin
                    .describeTopics(List.of(Topics.TRANSFER_REQUESTS))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(Topics.TRANSFER_REQUESTS)
                    .partitions()
                    .stream()
                    .map(info -> new TopicPartition(Topics.TRANSFER_REQUESTS, info.partition()))
                    .toList();
            var request = new java.util.HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
            var offsets = new java.util.HashMap<TopicPartition, Long>();
            admin.listOffsets(request)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the end offsets of " + Topics.TRANSFER_REQUESTS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The sum of the processor's committed offsets on the requests topic. */
    private static long committed(Admin admin) {
        try {
            return admin
                    .listConsumerGroupOffsets(PROCESSOR_GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .entrySet()
                    .stream()
                    .filter(entry ->
                            entry.getKey().topic().equals(Topics.TRANSFER_REQUESTS) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset())
                    .sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the processor's committed offsets", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
