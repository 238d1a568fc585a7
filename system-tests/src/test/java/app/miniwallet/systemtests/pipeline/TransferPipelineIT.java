package app.miniwallet.systemtests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.Concurrently;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The seed's concurrency cases through the whole pipeline: REST → PostgreSQL + outbox → relay →
 * Kafka → transfer-processor (its own process) → PostgreSQL, observed through the API.
 */
@ApiIntegrationTest
class TransferPipelineIT {

    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(30);

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void processorRuns() {
        RunningProcessor.shared();
    }

    @Test
    void tenConcurrentTransfersOfTenFromAThousandAllComplete() {
        var sender = fixtures.personWith("1000.00");
        var receiver = fixtures.personWithNoMoney();

        var ids = Concurrently.run(10, i -> fixtures.sendAccepted(sender, receiver, "10.00"));

        assertThat(settle(sender, ids)).containsOnly("COMPLETED");
        assertThat(fixtures.balanceOf(sender)).isEqualTo(Money.parse("898.50"));
        assertThat(fixtures.balanceOf(receiver)).isEqualTo(Money.parse("100.00"));
        assertBalancesMatchTheirLedgers(sender, receiver);
    }

    @Test
    void eightConcurrentTransfersOfAHundredFrom315CompleteThreeAndRejectFive() {
        var sender = fixtures.personWith("315.00");
        var receiver = fixtures.personWithNoMoney();
        var processor = RunningProcessor.shared();

        // held still while the requests come in, so all eight pass the API's unlocked pre-check and the
        // processor's locked check alone decides
        processor.pause();
        List<String> ids;
        try {
            ids = Concurrently.run(8, i -> fixtures.sendAccepted(sender, receiver, "100.00"));
        } finally {
            processor.resume();
        }

        var outcomes = settle(sender, ids);
        assertThat(outcomes).filteredOn("COMPLETED"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("REJECTED INSUFFICIENT_FUNDS"::equals).hasSize(5);
        assertThat(fixtures.balanceOf(sender)).isEqualTo(Money.parse("10.50"));
        assertThat(fixtures.balanceOf(receiver)).isEqualTo(Money.parse("300.00"));
        assertThat(lowestBalanceEverRecorded(sender)).isGreaterThanOrEqualTo(0);
        assertBalancesMatchTheirLedgers(sender, receiver);
    }

    @Test
    void manySendersToOneReceiverRaiseItByExactlyTheCompletedSum() {
        var receiver = fixtures.personWithNoMoney();
        var senders =
                Stream.generate(() -> fixtures.personWith("50.00")).limit(8).toList();

        // each sender sends 30.00 twice: the second one cannot be covered (refused at submit when the first
        // one completed already, rejected by the processor otherwise)
        var ids = Concurrently.run(
                16, i -> fixtures.send(senders.get(i / 2), receiver, "30.00").orElse(null));

        var completed = new ArrayList<Money>();
        for (int i = 0; i < ids.size(); i++) {
            var outcome = settle(senders.get(i / 2), Collections.singletonList(ids.get(i)))
                    .get(0);
            if (outcome.equals("COMPLETED")) {
                completed.add(Money.parse("30.00"));
            }
        }
        assertThat(completed).hasSize(8);
        assertThat(fixtures.balanceOf(receiver)).isEqualTo(completed.stream().reduce(Money.ZERO, Money::plus));
        senders.forEach(sender -> assertThat(fixtures.balanceOf(sender)).isEqualTo(Money.parse("19.55")));
        assertBalancesMatchTheirLedgers(receiver);
    }

    @Test
    void opposingTransfersOnDifferentPartitionsAllFinishWithoutDeadlock() {
        var alice = fixtures.personWith("500.00");
        var bob = fixtures.personWith("500.00");
        while (partitionOf(bob) == partitionOf(alice)) {
            bob = fixtures.personWith("500.00");
        }
        var a = alice;
        var b = bob;

        var ids = Concurrently.run(
                40, i -> i % 2 == 0 ? fixtures.sendAccepted(a, b, "7.00") : fixtures.sendAccepted(b, a, "7.00"));

        for (int i = 0; i < ids.size(); i++) {
            assertThat(settle(i % 2 == 0 ? a : b, List.of(ids.get(i)))).containsOnly("COMPLETED");
        }
        // each paid 20 × 7.11 and got 20 × 7.00
        assertThat(fixtures.balanceOf(a)).isEqualTo(Money.parse("497.80"));
        assertThat(fixtures.balanceOf(b)).isEqualTo(Money.parse("497.80"));
        assertBalancesMatchTheirLedgers(a, b);
    }

    @Test
    void transfersOneSenderSendsAtOnceAreAppliedInTheOrderTheyWereAccepted() {
        var sender = fixtures.personWith("1000.00");
        var receivers = Stream.generate(fixtures::personWithNoMoney).limit(4).toList();

        // a business paying out: many requests in flight at once, so their transactions overlap
        var ids = Concurrently.run(40, i -> fixtures.sendAccepted(sender, receivers.get(i % 4), "1.00"));
        assertThat(settle(sender, ids)).containsOnly("COMPLETED");

        // accepted at = what the 202 said (created_at); applied at = the offset of the record that decided it
        var byAcceptance = appliedPositionsOf(sender, "created_at, id");
        var byApplication = appliedPositionsOf(sender, "applied_partition, applied_offset");
        assertThat(byAcceptance).hasSize(40).isEqualTo(byApplication);
    }

    @Test
    void aTopUpGoesThroughThePipelineIntoBalanceLedgerHistoryAndEventsOnceForARepeatedKey() {
        var person = fixtures.personWithNoMoney();
        try (var events = new TransferEventsProbe()) {
            var ids = Stream.of(1, 2)
                    .map(attempt -> (String) fixtures.client()
                            .post()
                            .uri("/api/wallet/top-ups")
                            .header("Authorization", person.bearer())
                            .header("Idempotency-Key", "top-up-" + person.account())
                            .contentType(MediaType.APPLICATION_JSON)
                            .body("{\"amount\": \"75.25\"}")
                            .exchange()
                            .expectStatus()
                            .isAccepted()
                            .returnResult(Map.class)
                            .getResponseBody()
                            .get("id"))
                    .distinct()
                    .toList();

            assertThat(ids).hasSize(1);
            assertThat(settle(person, ids)).containsOnly("COMPLETED");
            assertThat(fixtures.balanceOf(person)).isEqualTo(Money.parse("75.25"));
            fixtures.client()
                    .get()
                    .uri("/api/transactions")
                    .header("Authorization", person.bearer())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.balance")
                    .isEqualTo("75.25")
                    .jsonPath("$.transactions.length()")
                    .isEqualTo(1)
                    .jsonPath("$.transactions[0].direction")
                    .isEqualTo("TOP_UP")
                    .jsonPath("$.transactions[0].status")
                    .isEqualTo("COMPLETED");
            assertBalancesMatchTheirLedgers(person);
            var event = events.awaitOneEventFor(ids.get(0));
            assertThat(event).isInstanceOf(TransferCompleted.class);
            assertThat(event.kind()).isEqualTo(TransferKind.TOP_UP);
            assertThat(event.receiverId()).isEqualTo(person.account());
            assertThat(((TransferCompleted) event).receiverBalanceAfterMinor()).isEqualTo(7525);
        }
    }

    /** Polls each transfer's status until it is terminal; returns "COMPLETED" or "REJECTED reason". */
    private List<String> settle(Person owner, List<String> ids) {
        var outcomes = new ArrayList<String>();
        for (var id : ids) {
            if (id == null) {
                outcomes.add("REFUSED AT SUBMIT");
                continue;
            }
            var outcome = await().atMost(SETTLES_WITHIN)
                    .until(() -> status(owner, id), status -> !status.startsWith("PENDING"));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private String status(Person owner, String id) {
        var body = fixtures.client()
                .get()
                .uri("/api/transfers/" + id)
                .header("Authorization", owner.bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Map.class)
                .getResponseBody();
        return body.get("reason") == null ? (String) body.get("status") : body.get("status") + " " + body.get("reason");
    }

    private void assertBalancesMatchTheirLedgers(Person... people) {
        for (var person : people) {
            assertThat(fixtures.balanceOf(person)).isEqualTo(Money.ofMinor(fixtures.ledgerSumOf(person)));
        }
    }

    private List<String> appliedPositionsOf(Person sender, String order) {
        return jdbc.sql("select applied_partition, applied_offset from transfers"
                        + " where requested_by = ? and kind = 'TRANSFER' order by " + order)
                .param(sender.account().value())
                .query((row, rowNumber) -> row.getInt(1) + "@" + row.getLong(2))
                .list();
    }

    private long lowestBalanceEverRecorded(Person person) {
        return jdbc.sql("select min(balance_after) from ledger_entries where account_id = ?")
                .param(person.account().value())
                .query(Long.class)
                .single();
    }

    private static int partitionOf(Person person) {
        var key = person.account().toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % WalletTestStack.PARTITIONS;
    }
}
