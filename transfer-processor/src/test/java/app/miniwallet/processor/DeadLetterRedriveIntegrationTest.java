package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's dead letters: listed with their reason, redriven one by one or all at once, each at most once, and a
 * redrive that comes after its transfer was decided changes nothing.
 */
@ProcessorIntegrationTest
class DeadLetterRedriveIntegrationTest {

    @Autowired
    private ProcessorFixtures fixtures;

    @Autowired
    private JsonMapper json;

    @Autowired
    private DataSource dataSource;

    @LocalServerPort
    private int port;

    private AdminApi admin;

    @BeforeEach
    void operator() {
        admin = AdminApi.asOperator(port, json);
    }

    @Test
    void listsEachDeadLetterWithItsReasonWhereItCameFromAndItsTransfer() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var marker = UUID.randomUUID().toString();
        var unreadable = fixtures.publishRaw(new ProducerRecord<>(
                Topics.TRANSFER_REQUESTS, alice.id().toString(), "{\"transfer_id\": oops " + marker));
        var withoutRow = fixtures.transferWithoutRow(alice, bob, "1.00");
        var unknown = fixtures.publish(withoutRow);
        fixtures.awaitConsumed(unreadable, unknown);

        var listed = await().atMost(Duration.ofSeconds(30))
                .until(admin::allDeadLetters, all -> deadLetterOf(all, unknown) != null);

        var poison = Objects.requireNonNull(deadLetterOf(listed, unreadable), "the unreadable record's dead letter");
        assertThat(poison.get("reason").asString()).startsWith("not a TransferRequested");
        assertThat(poison.get("key").asString()).isEqualTo(alice.id().toString());
        assertThat(poison.get("value").asString()).isEqualTo("{\"transfer_id\": oops " + marker);
        assertThat(poison.get("transfer_id").isNull()).isTrue();
        assertThat(poison.get("redrive").isNull()).isTrue();
        assertThat(poison.get("original").get("topic").asString()).isEqualTo(Topics.TRANSFER_REQUESTS);
        assertThat(poison.get("original").get("timestamp").asString()).isNotBlank();
        assertThat(poison.get("dead_lettered_at").asString()).isNotBlank();
        var noRow = Objects.requireNonNull(deadLetterOf(listed, unknown), "the unknown transfer's dead letter");
        assertThat(noRow.get("reason").asString())
                .isEqualTo("no transfer " + withoutRow.transferId() + " in the transfers table");
        assertThat(noRow.get("transfer_id").asString())
                .isEqualTo(withoutRow.transferId().toString());
        assertThat(noRow.get("transfer_status").isNull()).isTrue();
        assertThat(noRow.get("redrive").isNull()).isTrue();
        var waiting = admin.allDeadLetters("redriven=false&per_page=1");
        assertThat(waiting)
                .extracting(DeadLetterRedriveIntegrationTest::positionOf)
                .contains(positionOf(noRow), positionOf(poison))
                .doesNotHaveDuplicates();
        assertThat(waiting)
                .allSatisfy(deadLetter ->
                        assertThat(deadLetter.get("redrive").isNull()).isTrue());
    }

    @Test
    void redrivesADeadLetterOnceItsTransferHasARowAndTheTransferIsDecided() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var transfer = fixtures.transferWithoutRow(alice, bob, "10.00");
        var deadLetter = deadLetterFor(fixtures.publish(transfer));
        fixtures.insertRow(transfer);

        var redriven = admin.post(redrivePath(deadLetter));

        assertThat(redriven.status()).isEqualTo(200);
        var copy = redriven.body().get("redrive");
        fixtures.awaitDecided(transfer);
        fixtures.awaitConsumed(
                copy.get("request_partition").asInt(),
                copy.get("request_offset").asLong());
        var row = fixtures.transfer(transfer);
        assertThat(row.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(row.appliedPartition())
                .isEqualTo(copy.get("request_partition").asInt());
        assertThat(row.appliedOffset()).isEqualTo(copy.get("request_offset").asLong());
        assertThat(fixtures.balanceOf(bob)).isEqualTo(1000);
        assertThat(fixtures.committedEventsFor(transfer)).singleElement();
        var listed = deadLetterOf(admin.allDeadLetters(), deadLetter);
        assertThat(listed.get("redrive").get("request_offset").asLong())
                .isEqualTo(copy.get("request_offset").asLong());
        assertThat(listed.get("transfer_status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void refusesToRedriveADeadLetterTwice() {
        var alice = fixtures.userWithBalance("100.00");
        var transfer = fixtures.transferWithoutRow(alice, fixtures.userWithBalance("0.00"), "1.00");
        var deadLetter = deadLetterFor(fixtures.publish(transfer));
        fixtures.insertRow(transfer);
        assertThat(admin.post(redrivePath(deadLetter)).status()).isEqualTo(200);

        var again = admin.post(redrivePath(deadLetter));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().get("detail").asString()).contains("was redriven at");
        assertThat(fixtures.requestRecordsFor(transfer)).hasSize(2);
    }

    /**
     * The transfer's own request decided it after its first record went to the dead-letter topic; the redrive's copy
     * is then a duplicate, which the processor skips: no second decision, ledger entry, event or dead letter.
     */
    @Test
    void redrivingADeadLetterWhoseTransferWasDecidedMeanwhileChangesNothing() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var transfer = fixtures.transferWithoutRow(alice, bob, "10.00");
        var deadLetter = deadLetterFor(fixtures.publish(transfer));
        fixtures.insertRow(transfer);
        fixtures.publishAndAwaitDecision(transfer);
        var decided = fixtures.transfer(transfer);
        var ledger = fixtures.ledgerOf(transfer);
        var events = fixtures.committedEventsFor(transfer);
        var aliceBalance = fixtures.balanceOf(alice);
        var bobBalance = fixtures.balanceOf(bob);

        var redriven = admin.post(redrivePath(deadLetter));

        assertThat(redriven.status()).isEqualTo(200);
        var copy = redriven.body().get("redrive");
        fixtures.awaitConsumed(
                copy.get("request_partition").asInt(),
                copy.get("request_offset").asLong());
        assertThat(fixtures.transfer(transfer)).isEqualTo(decided);
        assertThat(fixtures.ledgerOf(transfer)).isEqualTo(ledger);
        assertThat(fixtures.committedEventsFor(transfer)).isEqualTo(events).hasSize(1);
        assertThat(fixtures.balanceOf(alice)).isEqualTo(aliceBalance);
        assertThat(fixtures.balanceOf(bob)).isEqualTo(bobBalance);
        assertThat(fixtures.deadLettersContaining(transfer.transferId().toString()))
                .singleElement();
    }

    @Test
    void redrivesEveryDeadLetterNotYetRedrivenAtOnceAndEachOnlyOnce() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var first = fixtures.transferWithoutRow(alice, bob, "1.00");
        var second = fixtures.transferWithoutRow(alice, bob, "2.00");
        deadLetterFor(fixtures.publish(first));
        deadLetterFor(fixtures.publish(second));
        fixtures.insertRow(first);
        fixtures.insertRow(second);

        var bulk = admin.post("/admin/dead-letters/redrive");

        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.body().get("redriven").asInt()).isGreaterThanOrEqualTo(2);
        fixtures.awaitDecided(first, second);
        assertThat(fixtures.transfer(first).status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(fixtures.transfer(second).status()).isEqualTo(TransferStatus.COMPLETED);

        var again = admin.post("/admin/dead-letters/redrive");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("already_redriven").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(fixtures.requestRecordsFor(first)).hasSize(2);
        assertThat(fixtures.requestRecordsFor(second)).hasSize(2);
    }

    /**
     * Another processor is in the middle of redriving a dead letter: its claim is written but not committed. A bulk
     * redrive here waits for that claim, sees it commit, and leaves the dead letter alone.
     */
    @Test
    void aBulkRedriveLeavesADeadLetterAnotherRedriveIsClaimingToIt() throws Exception {
        var alice = fixtures.userWithBalance("100.00");
        var transfer = fixtures.transferWithoutRow(alice, fixtures.userWithBalance("0.00"), "1.00");
        var deadLetter = deadLetterFor(fixtures.publish(transfer));
        fixtures.insertRow(transfer);

        try (var otherProcessor = dataSource.getConnection()) {
            otherProcessor.setAutoCommit(false);
            claim(otherProcessor, deadLetter);
            var bulk = CompletableFuture.supplyAsync(() -> admin.post("/admin/dead-letters/redrive"));
            await().atMost(Duration.ofSeconds(30)).until(this::aClaimWaitsForALock);
            otherProcessor.commit();

            assertThat(bulk.get().status()).isEqualTo(200);
        }
        assertThat(fixtures.requestRecordsFor(transfer)).hasSize(1);
        assertThat(fixtures.transfer(transfer).status()).isEqualTo(TransferStatus.PENDING);
    }

    /** The other processor's send failed: its claim rolls back, and the waiting bulk redrive sends the dead letter. */
    @Test
    void aBulkRedriveSendsADeadLetterWhoseOtherClaimRolledBack() throws Exception {
        var alice = fixtures.userWithBalance("100.00");
        var transfer = fixtures.transferWithoutRow(alice, fixtures.userWithBalance("0.00"), "1.00");
        var deadLetter = deadLetterFor(fixtures.publish(transfer));
        fixtures.insertRow(transfer);

        try (var otherProcessor = dataSource.getConnection()) {
            otherProcessor.setAutoCommit(false);
            claim(otherProcessor, deadLetter);
            var bulk = CompletableFuture.supplyAsync(() -> admin.post("/admin/dead-letters/redrive"));
            await().atMost(Duration.ofSeconds(30)).until(this::aClaimWaitsForALock);
            otherProcessor.rollback();

            assertThat(bulk.get().status()).isEqualTo(200);
        }
        fixtures.awaitDecided(transfer);
        assertThat(fixtures.requestRecordsFor(transfer)).hasSize(2);
    }

    private static void claim(Connection connection, JsonNode deadLetter) throws Exception {
        try (var insert = connection.prepareStatement(
                "insert into dead_letter_redrives (dlt_partition, dlt_offset, request_partition, request_offset)"
                        + " values (?, ?, 0, 0)")) {
            insert.setInt(1, deadLetter.get("partition").asInt());
            insert.setLong(2, deadLetter.get("offset").asLong());
            insert.executeUpdate();
        }
    }

    private boolean aClaimWaitsForALock() {
        return JdbcClient.create(dataSource)
                        .sql(
                                """
                                select count(*) from pg_stat_activity
                                 where wait_event_type = 'Lock' and query like '%insert into dead_letter_redrives%'
                                """)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Waits until the processor has sent the record to the dead-letter topic, and returns it as the list shows it. */
    private JsonNode deadLetterFor(RecordMetadata original) {
        fixtures.awaitConsumed(original);
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterOf(admin.allDeadLetters(), original), Objects::nonNull);
    }

    private static JsonNode deadLetterOf(List<JsonNode> deadLetters, RecordMetadata original) {
        return deadLetters.stream()
                .filter(deadLetter -> {
                    var origin = deadLetter.get("original");
                    return !origin.isNull()
                            && origin.get("partition").asInt() == original.partition()
                            && origin.get("offset").asLong() == original.offset();
                })
                .findFirst()
                .orElse(null);
    }

    private static JsonNode deadLetterOf(List<JsonNode> deadLetters, JsonNode deadLetter) {
        return deadLetters.stream()
                .filter(listed -> positionOf(listed).equals(positionOf(deadLetter)))
                .findFirst()
                .orElseThrow();
    }

    private static String positionOf(JsonNode deadLetter) {
        return deadLetter.get("partition").asInt() + "@"
                + deadLetter.get("offset").asLong();
    }

    private static String redrivePath(JsonNode deadLetter) {
        return "/admin/dead-letters/" + deadLetter.get("partition").asInt() + "/"
                + deadLetter.get("offset").asLong() + "/redrive";
    }
}
