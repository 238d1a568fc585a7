package app.miniwallet.processor;

import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.FeeRule;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.kafka.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds what the API and its outbox relay would have produced: verified users with funded accounts,
 * PENDING transfers rows, request records on Kafka. Reads back rows, ledger and events.
 */
final class ProcessorFixtures implements AutoCloseable {

    private static final String GROUP = "transfer-processor";

    /** A user and their USER account, which share the id. */
    record User(AccountId id) {}

    record TransferRow(
            TransferStatus status,
            @Nullable RejectionReason reason,
            @Nullable Integer appliedPartition,
            @Nullable Long appliedOffset,
            @Nullable Long senderBalanceAfter,
            @Nullable Long receiverBalanceAfter,
            @Nullable Instant completedAt) {

        boolean isDecided() {
            return status != TransferStatus.PENDING;
        }
    }

    record LedgerRow(AccountId accountId, long amountMinor, long balanceAfter) {}

    private final JdbcClient jdbc;
    private final WalletRows rows;
    private final JsonMapper json;
    private final String bootstrapServers;
    private final KafkaProducer<String, String> relay;

    ProcessorFixtures(DataSource dataSource, JsonMapper json, String bootstrapServers) {
        this.jdbc = JdbcClient.create(dataSource);
        this.rows = new WalletRows(dataSource);
        this.json = json;
        this.bootstrapServers = bootstrapServers;
        // the relay's producer: idempotent, acks=all, no transactions
        this.relay = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer());
    }

    // --- users and balances ------------------------------------------------------------------

    /**
     * A verified user whose balance came in by a completed top-up: the cash-in account was debited
     * and both have their ledger row, so every balance still equals its ledger sum.
     */
    User userWithBalance(String amount) {
        return new User(rows.userWithBalance("Fixture User", Money.parse(amount).minor())
                .id());
    }

    long balanceOf(User user) {
        return balanceOf(user.id());
    }

    long balanceOf(AccountId account) {
        return jdbc.sql("select balance_minor from accounts where id = ?")
                .param(account.value())
                .query(Long.class)
                .single();
    }

    long ledgerSumOf(User user) {
        return jdbc.sql("select coalesce(sum(amount_minor), 0) from ledger_entries where account_id = ?")
                .param(user.id().value())
                .query(Long.class)
                .single();
    }

    long lowestBalanceAfterOf(User user) {
        return jdbc.sql("select min(balance_after) from ledger_entries where account_id = ?")
                .param(user.id().value())
                .query(Long.class)
                .single();
    }

    /** PostgreSQL's count of deadlocks it has broken in the wallet database. */
    long deadlocksDetected() {
        return jdbc.sql("select deadlocks from pg_stat_database where datname = current_database()")
                .query(Long.class)
                .single();
    }

    // --- transfers as the API accepts them --------------------------------------------------------

    TransferRequested pendingTransfer(User from, User to, String amount) {
        var money = Money.parse(amount);
        return pending(
                TransferKind.TRANSFER,
                from.id(),
                to.id(),
                money.minor(),
                FeeRule.STANDARD.feeFor(money).minor());
    }

    TransferRequested pendingTopUp(User to, String amount) {
        return pending(
                TransferKind.TOP_UP,
                AccountId.CASH_IN,
                to.id(),
                Money.parse(amount).minor(),
                0);
    }

    /**
     * A transfer request as the relay would publish it, but with no transfers row: the processor sends its record to
     * the dead-letter topic until {@link #insertRow} gives it one.
     */
    TransferRequested transferWithoutRow(User from, User to, String amount) {
        var money = Money.parse(amount);
        return request(
                TransferKind.TRANSFER,
                from.id(),
                to.id(),
                money.minor(),
                FeeRule.STANDARD.feeFor(money).minor());
    }

    private TransferRequested pending(
            TransferKind kind, AccountId sender, AccountId receiver, long amountMinor, long feeMinor) {
        var request = request(kind, sender, receiver, amountMinor, feeMinor);
        insertRow(request);
        return request;
    }

    private static TransferRequested request(
            TransferKind kind, AccountId sender, AccountId receiver, long amountMinor, long feeMinor) {
        return new TransferRequested(
                TransferRequested.SCHEMA_VERSION,
                TransferId.next(),
                kind,
                sender,
                receiver,
                amountMinor,
                feeMinor,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** The request's transfers row, PENDING, as the api inserts it. */
    void insertRow(TransferRequested request) {
        var requestedBy = request.kind() == TransferKind.TOP_UP ? request.receiverId() : request.senderId();
        jdbc.sql(
                        """
                        insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor,
                                               fee_minor, status, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
                        """)
                .params(
                        request.transferId().value(),
                        request.kind().name(),
                        requestedBy.value(),
                        request.senderId().value(),
                        request.receiverId().value(),
                        request.amountMinor(),
                        request.feeMinor(),
                        OffsetDateTime.ofInstant(request.requestedAt(), ZoneOffset.UTC))
                .update();
    }

    TransferRow transfer(TransferRequested request) {
        return jdbc.sql(
                        """
                        select status, reason, applied_partition, applied_offset, sender_balance_after,
                               receiver_balance_after, completed_at
                          from transfers where id = ?
                        """)
                .param(request.transferId().value())
                .query((row, n) -> {
                    var reason = row.getString("reason");
                    var completedAt = row.getObject("completed_at", OffsetDateTime.class);
                    return new TransferRow(
                            TransferStatus.valueOf(row.getString("status")),
                            reason == null ? null : RejectionReason.valueOf(reason),
                            row.getObject("applied_partition", Integer.class),
                            row.getObject("applied_offset", Long.class),
                            row.getObject("sender_balance_after", Long.class),
                            row.getObject("receiver_balance_after", Long.class),
                            completedAt == null ? null : completedAt.toInstant());
                })
                .single();
    }

    List<LedgerRow> ledgerOf(TransferRequested request) {
        return jdbc.sql(
                        "select account_id, amount_minor, balance_after from ledger_entries where transfer_id = ? order by id")
                .param(request.transferId().value())
                .query((row, n) -> new LedgerRow(
                        AccountId.of(row.getLong("account_id")),
                        row.getLong("amount_minor"),
                        row.getLong("balance_after")))
                .list();
    }

    /** Waits until every request is decided (COMPLETED or REJECTED). */
    void awaitDecided(TransferRequested... requests) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Arrays.stream(requests).allMatch(r -> transfer(r).isDecided()));
    }

    /**
     * Publishes the request and waits until the processor decided it and committed past its record: its row,
     * ledger and result event are then final.
     */
    RecordMetadata publishAndAwaitDecision(TransferRequested request) {
        var record = publish(request);
        awaitDecided(request);
        awaitConsumed(record);
        return record;
    }

    // --- Kafka, as the relay publishes and consumers read ---------------------------------------

    /** Publishes a request the way the outbox relay does: keyed by the user who asked. */
    RecordMetadata publish(TransferRequested request) {
        return publishRaw(new ProducerRecord<>(Topics.TRANSFER_REQUESTS, request.requestKey(), toJson(request)));
    }

    /** Publishes to a chosen partition, for tests that need two partitions busy at once. */
    RecordMetadata publishTo(int partition, TransferRequested request) {
        return publishRaw(
                new ProducerRecord<>(Topics.TRANSFER_REQUESTS, partition, request.requestKey(), toJson(request)));
    }

    /**
     * Publishes copies of a request in one Kafka transaction: read_committed consumers see them appear
     * at the same moment, so they arrive in one poll, as a relay retry can put them.
     */
    List<RecordMetadata> publishTogether(TransferRequested request, int copies) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fixture-" + UUID.randomUUID());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            var sent = new ArrayList<Future<RecordMetadata>>();
            for (int i = 0; i < copies; i++) {
                sent.add(producer.send(
                        new ProducerRecord<>(Topics.TRANSFER_REQUESTS, request.requestKey(), toJson(request))));
            }
            producer.commitTransaction();
            var records = new ArrayList<RecordMetadata>();
            for (var future : sent) {
                records.add(future.get(10, TimeUnit.SECONDS));
            }
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + request, e);
        }
    }

    RecordMetadata publishRaw(ProducerRecord<String, String> record) {
        try {
            return relay.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + record, e);
        }
    }

    String toJson(TransferRequested request) {
        return json.writeValueAsString(request);
    }

    /**
     * Waits until the processor's group has committed offsets past every given record. Offsets commit
     * in the same Kafka transaction as the batch's events, so after this the events are final.
     */
    void awaitConsumed(RecordMetadata... records) {
        try (var admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get();
                return Arrays.stream(records).allMatch(record -> {
                    var offset = committed.get(new TopicPartition(record.topic(), record.partition()));
                    return offset != null && offset.offset() > record.offset();
                });
            });
        }
    }

    /** Waits until the processor's group has committed its offset past this record of the request topic. */
    void awaitConsumed(int partition, long offset) {
        awaitConsumed(new RecordMetadata(new TopicPartition(Topics.TRANSFER_REQUESTS, partition), offset, 0, 0, 0, 0));
    }

    /** The records of the request topic that name this transfer, as read_committed consumers see them. */
    List<ConsumerRecord<String, String>> requestRecordsFor(TransferRequested request) {
        var id = request.transferId().toString();
        return TopicReader.readCommitted(bootstrapServers).readToEnd(Topics.TRANSFER_REQUESTS).stream()
                .filter(record -> Objects.toString(record.value(), "").contains(id))
                .toList();
    }

    /** The result events of these transfers that read_committed consumers see. */
    List<TransferEvent> committedEventsFor(TransferRequested... requests) {
        return eventsFor(TopicReader.readCommitted(bootstrapServers), requests);
    }

    /** Every result event written for these transfers, aborted transactions included. */
    List<TransferEvent> allWrittenEventsFor(TransferRequested... requests) {
        return eventsFor(TopicReader.readUncommitted(bootstrapServers), requests);
    }

    private List<TransferEvent> eventsFor(TopicReader reader, TransferRequested... requests) {
        Set<String> ids = Arrays.stream(requests)
                .map(request -> request.transferId().toString())
                .collect(Collectors.toSet());
        return reader.readToEnd(Topics.TRANSFER_EVENTS).stream()
                .map(record -> json.readValue(record.value(), TransferEvent.class))
                .filter(event -> ids.contains(event.transferId().toString()))
                .toList();
    }

    /** Dead letters whose value or key contains the marker. */
    List<ConsumerRecord<String, String>> deadLettersContaining(String marker) {
        return TopicReader.readCommitted(bootstrapServers).readToEnd(Topics.TRANSFER_REQUESTS_DLT).stream()
                .filter(record -> Objects.toString(record.value(), "").contains(marker)
                        || Objects.toString(record.key(), "").contains(marker))
                .toList();
    }

    @Override
    public void close() {
        relay.close(Duration.ofSeconds(5));
    }
}
