package app.miniwallet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.FeeRule;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline: PENDING transfers rows and their request records as the API's relay writes them, the real
 * transfer-processor (its jar) deciding them into the ledger and publishing the results, and analytics (its jar)
 * killed with SIGKILL mid-stream and restarted, with request records and result records on their topics twice. Its
 * figures then equal SQL over transfers and ledger_entries, to the cent. Its own JVM, so the topic holds nothing else.
 */
class LedgerAgreementIT {

    private static final int USERS = 40;
    private static final int TRANSFERS = 3_000;
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(LedgerAgreementIT.class);

    private final WalletTestStack stack = WalletTestStack.shared();

    @Test
    void figuresEqualTheLedgerAfterDuplicatesAndAKillDashNine() throws SQLException {
        try (var processor = startProcessor();
                var analytics = AnalyticsProcess.start("analytics-ledger", "analytics-ledger-" + UUID.randomUUID());
                var relay = new KafkaProducer<>(
                        Map.<String, Object>of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                stack.kafkaBootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            var firstUser = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
            createAccounts(firstUser);
            var requests = requests(firstUser);
            insertPending(requests);
            for (var i = 0; i < requests.size(); i++) {
                var request = requests.get(i);
                var record = new ProducerRecord<>(
                        Topics.TRANSFER_REQUESTS, request.requestKey(), json.writeValueAsString(request));
                relay.send(record);
                if (i % 10 == 0) {
                    // the relay sent it again: the processor applies a transfer once
                    relay.send(record);
                }
            }
            relay.flush();

            var countedAtKill = awaitCounted(analytics, TRANSFERS / 10);
            analytics.kill();
            copyResultRecords(300);
            await().atMost(Duration.ofMinutes(3)).until(() -> pendingTransfers() == 0);
            analytics.restart();

            var ledger = ledgerFigures();
            log.info("Killed analytics at {} completed; the ledger says {}", countedAtKill, ledger);
            assertThat(countedAtKill).as("killed mid-stream").isLessThan((Long) ledger.get("completed"));
            assertThat((Long) ledger.get("rejected"))
                    .as("the workload has rejections")
                    .isPositive();
            await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
                var answer = analytics.client().get("/api/analytics/totals");
                assertThat(answer.status()).isIn(200, 503);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(TopicTally.pick(answer.json(), ledger)).isEqualTo(ledger);
            });
            for (var user = firstUser; user < firstUser + USERS; user++) {
                var figures = analytics.client().figures("/api/analytics/users/" + user);
                assertThat(figures.get("net").asString())
                        .as("user %d: net of the figures, balance, ledger sum", user)
                        .isEqualTo(amount(balanceOf(user)))
                        .isEqualTo(amount(ledgerSumOf(user)));
            }
        }
    }

    private ServiceProcess startProcessor() {
        return ServiceLauncher.of("transfer-processor", stack.connections())
                .with("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-analytics-tests")
                .startHealthy(Duration.ofSeconds(120));
    }

    private void createAccounts(long firstUser) throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var insert = connection.prepareStatement("insert into accounts (id, kind) values (?, 'USER')")) {
            for (var user = firstUser; user < firstUser + USERS; user++) {
                insert.setLong(1, user);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * A top-up for every user, then transfers among them in random order, some beyond the sender's balance; the
     * processor decides which.
     */
    private static List<TransferRequested> requests(long firstUser) {
        var random = ThreadLocalRandom.current();
        var requests = new ArrayList<TransferRequested>();
        for (var user = firstUser; user < firstUser + USERS; user++) {
            requests.add(
                    request(TransferKind.TOP_UP, AccountId.CASH_IN.value(), user, random.nextLong(50_000, 200_000)));
        }
        for (var i = 0; i < TRANSFERS; i++) {
            var sender = firstUser + random.nextInt(USERS);
            var receiver = firstUser + (sender - firstUser + 1 + random.nextInt(USERS - 1)) % USERS;
            // one in a hundred asks for more money than the whole wallet holds: certainly rejected
            var amount = i % 100 == 0 ? 10_000_000 : random.nextLong(100, 10_000);
            requests.add(request(TransferKind.TRANSFER, sender, receiver, amount));
        }
        return requests;
    }

    private static TransferRequested request(TransferKind kind, long sender, long receiver, long amountMinor) {
        var fee = kind == TransferKind.TOP_UP
                ? 0
                : FeeRule.STANDARD.feeFor(Money.ofMinor(amountMinor)).minor();
        return new TransferRequested(
                TransferRequested.SCHEMA_VERSION,
                TransferId.next(),
                kind,
                AccountId.of(sender),
                AccountId.of(receiver),
                amountMinor,
                fee,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** The rows the API writes when it accepts a request. */
    private void insertPending(List<TransferRequested> requests) throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var insert = connection.prepareStatement(
                        """
                        insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor,
                                               fee_minor, status, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
                        """)) {
            for (var request : requests) {
                insert.setObject(1, request.transferId().value());
                insert.setString(2, request.kind().name());
                insert.setLong(3, Long.parseLong(request.requestKey()));
                insert.setLong(4, request.senderId().value());
                insert.setLong(5, request.receiverId().value());
                insert.setLong(6, request.amountMinor());
                insert.setLong(7, request.feeMinor());
                insert.setTimestamp(8, Timestamp.from(request.requestedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Writes committed result records onto the topic again, outside any transaction; half under another key. */
    private void copyResultRecords(int count) {
        var settings = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "copier-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        var copied = 0;
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
                var copier = new KafkaProducer<>(
                        Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            consumer.subscribe(List.of(Topics.TRANSFER_EVENTS));
            var deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (copied < count && Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (copied < count) {
                        var key = copied % 2 == 0 ? record.key() : "copied-" + copied;
                        copier.send(new ProducerRecord<>(Topics.TRANSFER_EVENTS, key, record.value()));
                        copied++;
                    }
                }
            }
        }
        assertThat(copied).as("result records copied").isEqualTo(count);
    }

    /** Completed results counted by the time the API first shows at least {@code least}. */
    private static long awaitCounted(AnalyticsProcess analytics, long least) {
        var counted = new long[1];
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var answer = analytics.client().get("/api/analytics/totals");
                    assertThat(answer.status()).isIn(200, 503);
                    counted[0] = answer.status() == 200
                            ? answer.json().get("completed").asLong()
                            : 0;
                    return counted[0] >= least;
                });
        return counted[0];
    }

    private long pendingTransfers() throws SQLException {
        return single("select count(*) from transfers where status = 'PENDING'");
    }

    /** What the totals must be, from the ledger's tables, in the API's words. */
    private Map<String, Object> ledgerFigures() throws SQLException {
        var feesInTransfers = single("select coalesce(sum(fee_minor), 0) from transfers where status = 'COMPLETED'");
        var feeAccount = single("select coalesce(sum(amount_minor), 0) from ledger_entries where account_id = 1");
        var cashIn = single("select coalesce(sum(amount_minor), 0) from ledger_entries where account_id = 2");
        var topUpsInTransfers = single(
                "select coalesce(sum(amount_minor), 0) from transfers where status = 'COMPLETED' and kind = 'TOP_UP'");
        assertThat(feeAccount).as("the fee account holds every fee").isEqualTo(feesInTransfers);
        assertThat(-cashIn).as("the cash-in account paid every top-up").isEqualTo(topUpsInTransfers);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("completed", single("select count(*) from transfers where status = 'COMPLETED'"));
        figures.put("rejected", single("select count(*) from transfers where status = 'REJECTED'"));
        figures.put(
                "volume",
                amount(single("select coalesce(sum(amount_minor), 0) from transfers"
                        + " where status = 'COMPLETED' and kind = 'TRANSFER'")));
        figures.put("fees", amount(feeAccount));
        figures.put("top_ups", amount(-cashIn));
        return figures;
    }

    private long balanceOf(long user) throws SQLException {
        return single("select balance_minor from accounts where id = " + user);
    }

    private long ledgerSumOf(long user) throws SQLException {
        return single("select coalesce(sum(amount_minor), 0) from ledger_entries where account_id = " + user);
    }

    private long single(String sql) throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String amount(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
