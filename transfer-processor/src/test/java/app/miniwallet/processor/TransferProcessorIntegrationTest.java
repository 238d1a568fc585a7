package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.ProcessorFixtures.LedgerRow;
import app.miniwallet.processor.ProcessorFixtures.User;
import app.miniwallet.testsupport.operator.ActuatorAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

@ProcessorIntegrationTest
class TransferProcessorIntegrationTest {

    @Autowired
    private JsonMapper json;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private BatchesSeen batchesSeen;

    @LocalServerPort
    private int port;

    @Autowired
    private ProcessorFixtures fixtures;

    @Test
    void completesATransferDebitingAmountAndFeeAndCreditingReceiverAndFeeAccount() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("5.00");
        var request = fixtures.pendingTransfer(alice, bob, "10.00");

        var record = fixtures.publishAndAwaitDecision(request);

        var row = fixtures.transfer(request);
        assertThat(row.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(row.appliedPartition()).isEqualTo(record.partition());
        assertThat(row.appliedOffset()).isEqualTo(record.offset());
        assertThat(row.senderBalanceAfter()).isEqualTo(minor("89.85"));
        assertThat(row.receiverBalanceAfter()).isEqualTo(minor("15.00"));
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("89.85"));
        assertThat(fixtures.balanceOf(bob)).isEqualTo(minor("15.00"));

        var ledger = fixtures.ledgerOf(request);
        assertThat(ledger).hasSize(3);
        assertThat(ledger.stream().mapToLong(LedgerRow::amountMinor).sum()).isZero();
        assertThat(ledger)
                .extracting(LedgerRow::accountId, LedgerRow::amountMinor)
                .containsExactly(
                        tuple(alice.id(), -minor("10.15")),
                        tuple(bob.id(), minor("10.00")),
                        tuple(AccountId.FEE, minor("0.15")));
        assertThat(fixtures.balanceOf(AccountId.FEE))
                .isGreaterThanOrEqualTo(ledger.get(2).balanceAfter());

        assertThat(fixtures.committedEventsFor(request))
                .singleElement()
                .isEqualTo(new TransferCompleted(
                        TransferEvent.eventIdFor(request.transferId()),
                        TransferEvent.SCHEMA_VERSION,
                        row.completedAt(),
                        request.transferId(),
                        TransferKind.TRANSFER,
                        alice.id(),
                        bob.id(),
                        minor("10.00"),
                        minor("0.15"),
                        minor("89.85"),
                        minor("15.00"),
                        request.requestedAt()));
        assertBalancesEqualLedgers(alice, bob);
    }

    @Test
    void rejectsAnOverdraftForInsufficientFundsAndMovesNothing() {
        var alice = fixtures.userWithBalance("10.00");
        var bob = fixtures.userWithBalance("0.00");
        var request = fixtures.pendingTransfer(alice, bob, "10.00");

        fixtures.publishAndAwaitDecision(request);

        var row = fixtures.transfer(request);
        assertThat(row.status()).isEqualTo(TransferStatus.REJECTED);
        assertThat(row.reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("10.00"));
        assertThat(fixtures.balanceOf(bob)).isZero();
        assertThat(fixtures.ledgerOf(request)).isEmpty();
        assertThat(fixtures.committedEventsFor(request))
                .singleElement()
                .isInstanceOfSatisfying(TransferRejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
                    assertThat(rejected.senderBalanceMinor()).isEqualTo(minor("10.00"));
                    assertThat(rejected.occurredAt()).isEqualTo(row.completedAt());
                });
    }

    @Test
    void appliesATopUpFromTheCashInAccountWithoutAFee() {
        var bob = fixtures.userWithBalance("0.00");
        var request = fixtures.pendingTopUp(bob, "250.00");

        fixtures.publishAndAwaitDecision(request);

        assertThat(fixtures.transfer(request).status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(fixtures.balanceOf(bob)).isEqualTo(minor("250.00"));
        assertThat(fixtures.ledgerOf(request))
                .extracting(LedgerRow::accountId, LedgerRow::amountMinor)
                .containsExactly(tuple(AccountId.CASH_IN, -minor("250.00")), tuple(bob.id(), minor("250.00")));
        assertThat(fixtures.committedEventsFor(request)).singleElement().satisfies(event -> {
            assertThat(event).isInstanceOf(TransferCompleted.class);
            assertThat(event.kind()).isEqualTo(TransferKind.TOP_UP);
            assertThat(event.feeMinor()).isZero();
            assertThat(event.eventKey()).isEqualTo(bob.id().toString());
        });
        assertBalancesEqualLedgers(bob);
    }

    @Test
    void appliesTenTransfersOfTenFromAThousand() {
        var alice = fixtures.userWithBalance("1000.00");
        var bob = fixtures.userWithBalance("0.00");
        var requests = new ArrayList<TransferRequested>();
        var records = new ArrayList<RecordMetadata>();
        for (int i = 0; i < 10; i++) {
            var request = fixtures.pendingTransfer(alice, bob, "10.00");
            requests.add(request);
            records.add(fixtures.publish(request));
        }

        fixtures.awaitDecided(requests.toArray(TransferRequested[]::new));
        fixtures.awaitConsumed(records.toArray(RecordMetadata[]::new));

        assertThat(requests)
                .allSatisfy(request ->
                        assertThat(fixtures.transfer(request).status()).isEqualTo(TransferStatus.COMPLETED));
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("898.50"));
        assertThat(fixtures.balanceOf(bob)).isEqualTo(minor("100.00"));
        assertThat(fixtures.committedEventsFor(requests.toArray(TransferRequested[]::new)))
                .hasSize(10);
        assertBalancesEqualLedgers(alice, bob);
    }

    @Test
    void completesOnlyTheTransfersTheBalanceCoversWhenEightArePublishedAtOnce() {
        var alice = fixtures.userWithBalance("315.00");
        var bob = fixtures.userWithBalance("0.00");
        var requests = new ArrayList<TransferRequested>();
        for (int i = 0; i < 8; i++) {
            requests.add(fixtures.pendingTransfer(alice, bob, "100.00"));
        }
        var records = requests.stream().map(fixtures::publish).toList();

        fixtures.awaitDecided(requests.toArray(TransferRequested[]::new));
        fixtures.awaitConsumed(records.toArray(RecordMetadata[]::new));

        // one sender, one partition: applied in the order they were accepted
        assertThat(requests)
                .extracting(request -> fixtures.transfer(request).status())
                .containsExactly(
                        TransferStatus.COMPLETED,
                        TransferStatus.COMPLETED,
                        TransferStatus.COMPLETED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED);
        assertThat(requests.subList(3, 8))
                .allSatisfy(request ->
                        assertThat(fixtures.transfer(request).reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS));
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("10.50"));
        assertThat(fixtures.balanceOf(bob)).isEqualTo(minor("300.00"));
        assertThat(fixtures.lowestBalanceAfterOf(alice)).isGreaterThanOrEqualTo(0);
        var events = fixtures.committedEventsFor(requests.toArray(TransferRequested[]::new));
        assertThat(events).filteredOn(TransferCompleted.class::isInstance).hasSize(3);
        assertThat(events).filteredOn(TransferRejected.class::isInstance).hasSize(5);
        assertBalancesEqualLedgers(alice, bob);
    }

    @Test
    void raisesOneReceiversBalanceByExactlyWhatManySendersCompleted() {
        var receiver = fixtures.userWithBalance("0.00");
        var senders = List.of(
                fixtures.userWithBalance("50.00"),
                fixtures.userWithBalance("20.00"),
                fixtures.userWithBalance("100.00"),
                fixtures.userWithBalance("5.00"),
                fixtures.userWithBalance("75.00"));
        var requests = new ArrayList<TransferRequested>();
        for (int round = 0; round < 3; round++) {
            for (var sender : senders) {
                requests.add(fixtures.pendingTransfer(sender, receiver, "15.00"));
            }
        }
        var records = requests.stream().map(fixtures::publish).toList();

        fixtures.awaitDecided(requests.toArray(TransferRequested[]::new));
        fixtures.awaitConsumed(records.toArray(RecordMetadata[]::new));

        var completedAmount = requests.stream()
                .filter(request -> fixtures.transfer(request).status() == TransferStatus.COMPLETED)
                .mapToLong(TransferRequested::amountMinor)
                .sum();
        assertThat(completedAmount).isPositive().isLessThan(requests.size() * minor("15.00"));
        assertThat(fixtures.balanceOf(receiver)).isEqualTo(completedAmount);
        assertThat(senders)
                .allSatisfy(sender -> assertThat(fixtures.balanceOf(sender)).isNotNegative());
        assertBalancesEqualLedgers(receiver);
        assertBalancesEqualLedgers(senders.toArray(User[]::new));
        assertThat(fixtures.committedEventsFor(requests.toArray(TransferRequested[]::new)))
                .hasSize(requests.size());
    }

    @Test
    void settlesOpposingTransfersOnPartitionsOfDifferentConsumersWithoutDeadlock() {
        var container = (ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer("transfer-processor");
        assertThat(container).isNotNull();
        assertThat(container.getConcurrency()).isGreaterThanOrEqualTo(2);
        var partitionsOfTwoConsumers = await().atMost(Duration.ofSeconds(30))
                .until(() -> firstPartitionOfEachConsumer(container), partitions -> partitions.size() >= 2);
        var aliceSide = partitionsOfTwoConsumers.get(0).partition();
        var bobSide = partitionsOfTwoConsumers.get(1).partition();
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("100.00");
        var feeBefore = fixtures.balanceOf(AccountId.FEE);
        var deadlocksBefore = fixtures.deadlocksDetected();

        var requests = new ArrayList<TransferRequested>();
        var records = new ArrayList<RecordMetadata>();
        for (int i = 0; i < 15; i++) {
            var aliceToBob = fixtures.pendingTransfer(alice, bob, "2.00");
            var bobToAlice = fixtures.pendingTransfer(bob, alice, "3.00");
            requests.add(aliceToBob);
            requests.add(bobToAlice);
            records.add(fixtures.publishTo(aliceSide, aliceToBob));
            records.add(fixtures.publishTo(bobSide, bobToAlice));
        }

        fixtures.awaitDecided(requests.toArray(TransferRequested[]::new));
        fixtures.awaitConsumed(records.toArray(RecordMetadata[]::new));

        var feesOfCompleted = requests.stream()
                .filter(request -> fixtures.transfer(request).status() == TransferStatus.COMPLETED)
                .mapToLong(TransferRequested::feeMinor)
                .sum();
        assertThat(fixtures.balanceOf(alice) + fixtures.balanceOf(bob)).isEqualTo(minor("200.00") - feesOfCompleted);
        assertThat(fixtures.balanceOf(AccountId.FEE)).isGreaterThanOrEqualTo(feeBefore + feesOfCompleted);
        assertThat(fixtures.deadlocksDetected()).isEqualTo(deadlocksBefore);
        assertBalancesEqualLedgers(alice, bob);
    }

    @Test
    void appliesARequestThatTheRelayPublishedTwiceOnlyOnce() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var request = fixtures.pendingTransfer(alice, bob, "10.00");

        var first = fixtures.publish(request);
        fixtures.awaitDecided(request);
        var second = fixtures.publish(request);
        fixtures.awaitConsumed(first, second);

        var row = fixtures.transfer(request);
        assertThat(row.appliedOffset()).isEqualTo(first.offset());
        assertThat(fixtures.ledgerOf(request)).hasSize(3);
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("89.85"));
        assertThat(fixtures.committedEventsFor(request)).hasSize(1);
    }

    @Test
    void appliesARequestPublishedTwiceIntoOneBatchOnlyOnce() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var request = fixtures.pendingTransfer(alice, bob, "10.00");

        var copies = fixtures.publishTogether(request, 2);
        var first = copies.get(0);
        var second = copies.get(1);
        fixtures.awaitConsumed(first, second);

        assertThat(batchesSeen.sawInOneBatch(first, second)).isTrue();
        var row = fixtures.transfer(request);
        assertThat(row.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(row.appliedOffset()).isEqualTo(first.offset());
        assertThat(fixtures.ledgerOf(request)).hasSize(3);
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("89.85"));
        assertThat(fixtures.committedEventsFor(request)).hasSize(1);
    }

    @Test
    void reportsTheDatabaseAndKafkaInItsHealth() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .header("Authorization", ActuatorAccess.operator())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        var health = json.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString())
                .isEqualTo("UP");
        assertThat(health.path("components").path("kafka").path("status").asString())
                .isEqualTo("UP");
    }

    private static List<TopicPartition> firstPartitionOfEachConsumer(
            ConcurrentMessageListenerContainer<?, ?> container) {
        return container.getContainers().stream()
                .map(MessageListenerContainer::getAssignedPartitions)
                .filter(partitions -> partitions != null && !partitions.isEmpty())
                .map(partitions -> partitions.stream()
                        .min(Comparator.comparingInt(TopicPartition::partition))
                        .orElseThrow())
                .toList();
    }

    private void assertBalancesEqualLedgers(User... users) {
        for (var user : users) {
            assertThat(fixtures.balanceOf(user))
                    .as("balance of %s equals its ledger sum", user)
                    .isEqualTo(fixtures.ledgerSumOf(user));
        }
    }

    private static long minor(String amount) {
        return Money.parse(amount).minor();
    }
}
