package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.AfterRollbackProcessor;

@ProcessorIntegrationTest
class RedeliveryIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private CommitFaults commitFaults;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private AfterRollbackProcessor<Object, Object> retryBatchForever;

    @Autowired
    private ProcessorFixtures fixtures;

    @Test
    void appliesATransferOnceAndShowsOneEventWhenTheKafkaCommitFailsAfterTheDatabaseCommitted() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var request = fixtures.pendingTransfer(alice, bob, "10.00");
        var faultsBefore = commitFaults.injected();
        commitFaults.failTheCommitCarrying(request.transferId());

        var record = fixtures.publish(request);
        fixtures.awaitConsumed(record);

        assertThat(commitFaults.injected()).isEqualTo(faultsBefore + 1);
        var row = fixtures.transfer(request);
        assertThat(row.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(row.appliedOffset()).isEqualTo(record.offset());
        assertThat(fixtures.ledgerOf(request)).hasSize(3);
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("89.85"));
        assertThat(fixtures.balanceOf(bob)).isEqualTo(minor("10.00"));
        var committed = fixtures.committedEventsFor(request);
        assertThat(committed).singleElement().isInstanceOfSatisfying(TransferCompleted.class, event -> {
            assertThat(event.senderBalanceAfterMinor()).isEqualTo(minor("89.85"));
            assertThat(event.occurredAt()).isEqualTo(row.completedAt());
        });
        // the aborted first emission is in the log too, and the re-emitted event is identical to it
        assertThat(fixtures.allWrittenEventsFor(request)).hasSize(2).containsOnly(committed.get(0));
    }

    /**
     * A fenced commit (a transaction that outlived its timeout is aborted with an epoch bump and looks just the same)
     * after the database committed. Spring Kafka takes a fence as final and polls on past the batch; before {@code
     * FencedProducers} the transfer stayed COMPLETED with no committed event at all, ever, while the transfer
     * published after it got its event: this test failed with "Expected size: 2 but was: 1" (the later one's only).
     */
    @Test
    void readsABatchAgainAndShowsItsEventOnceWhenItsKafkaCommitIsFenced() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var fenced = fixtures.pendingTransfer(alice, bob, "10.00");
        var after = fixtures.pendingTransfer(alice, bob, "4.00");
        var faultsBefore = commitFaults.injected();
        commitFaults.arm(fenced.transferId(), CommitFaults.Fault.FENCED);

        var fencedRecord = fixtures.publish(fenced);
        await().atMost(Duration.ofSeconds(30)).until(() -> commitFaults.injected() > faultsBefore);
        var afterRecord = fixtures.publish(after);
        fixtures.awaitConsumed(fencedRecord, afterRecord);

        assertThat(commitFaults.injected()).isEqualTo(faultsBefore + 1);
        assertThat(fixtures.transfer(fenced).appliedOffset()).isEqualTo(fencedRecord.offset());
        assertThat(fixtures.ledgerOf(fenced)).hasSize(3);
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("100.00") - minor("10.15") - minor("4.06"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(fixtures.committedEventsFor(fenced, after)).hasSize(2));
        assertThat(fixtures.committedEventsFor(fenced)).singleElement().isInstanceOf(TransferCompleted.class);
        assertThat(fixtures.committedEventsFor(after)).singleElement().isInstanceOf(TransferCompleted.class);
    }

    /**
     * An ambiguous commit: the transaction commits on the broker, the client hears a timeout and rolls back, and the
     * records come again to a consumer that finds their transfers decided by them. Emitting the stored results again
     * would give read_committed readers a second event: before {@code CommittedResults} this test failed with
     * "Expected size: 1 but was: 2", the same event committed twice.
     */
    @Test
    void emitsNoSecondEventWhenACommitThatSeemedToFailWentThrough() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var request = fixtures.pendingTransfer(alice, bob, "10.00");
        var faultsBefore = commitFaults.injected();
        commitFaults.arm(request.transferId(), CommitFaults.Fault.COMMITTED_BUT_TIMED_OUT);

        var record = fixtures.publish(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> commitFaults.injected() > faultsBefore);
        // a later record in the same partition, decided only after the redelivered batch was handled again
        var later = fixtures.pendingTransfer(alice, bob, "1.00");
        var laterRecord = fixtures.publish(later);
        fixtures.awaitConsumed(record, laterRecord);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !fixtures.committedEventsFor(later).isEmpty());

        assertThat(fixtures.transfer(request).appliedOffset()).isEqualTo(record.offset());
        assertThat(fixtures.balanceOf(bob)).isEqualTo(minor("11.00"));
        assertThat(fixtures.committedEventsFor(request)).singleElement().isInstanceOf(TransferCompleted.class);
    }

    @Test
    void retriesABatchTheDatabaseRefusesUntilItSucceedsWithoutSkippingOrReordering() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var carol = fixtures.userWithBalance("0.00");
        var refused = fixtures.pendingTransfer(alice, bob, "10.00");
        var behind = fixtures.pendingTransfer(alice, carol, "20.00");
        var jdbc = JdbcClient.create(dataSource);
        var fault = new DatabaseFault(jdbc, bob);
        var container = (AbstractMessageListenerContainer<?, ?>) listeners.getListenerContainer("transfer-processor");
        assertThat(container).isNotNull();
        assertThat(container.getAfterRollbackProcessor()).isSameAs(retryBatchForever);

        fault.install();
        try {
            fixtures.publish(refused);
            fixtures.publish(behind);
            await().atMost(Duration.ofSeconds(30)).until(() -> fault.attempts() >= 3);
            assertThat(fixtures.transfer(refused).status()).isEqualTo(TransferStatus.PENDING);
            assertThat(fixtures.transfer(behind).status()).isEqualTo(TransferStatus.PENDING);
        } finally {
            fault.remove();
        }
        fixtures.awaitDecided(refused, behind);

        var first = fixtures.transfer(refused);
        var second = fixtures.transfer(behind);
        assertThat(first.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(second.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(second.appliedOffset()).isGreaterThan(first.appliedOffset());
        assertThat(fixtures.balanceOf(alice)).isEqualTo(minor("100.00") - minor("10.15") - minor("20.30"));
        assertThat(fixtures.balanceOf(bob)).isEqualTo(minor("10.00"));
    }

    /**
     * Makes every ledger insert for one account fail, as a database that refuses writes would, and
     * counts the attempts in a sequence (sequences do not roll back).
     */
    private record DatabaseFault(JdbcClient jdbc, ProcessorFixtures.User account) {

        private String name() {
            return "refuse_ledger_" + account.id();
        }

        void install() {
            jdbc.sql("create sequence " + name() + "_attempts").update();
            jdbc.sql("create function " + name() + "() returns trigger language plpgsql as $$ begin "
                            + "perform nextval('" + name() + "_attempts'); "
                            + "raise exception 'injected: the database refuses this write'; end; $$")
                    .update();
            jdbc.sql("create trigger " + name()
                            + " before insert on ledger_entries for each row when (new.account_id = " + account.id()
                            + ") execute function " + name() + "()")
                    .update();
        }

        long attempts() {
            return jdbc.sql("select case when is_called then last_value else 0 end from " + name() + "_attempts")
                    .query(Long.class)
                    .single();
        }

        void remove() {
            jdbc.sql("drop trigger if exists " + name() + " on ledger_entries").update();
            jdbc.sql("drop function if exists " + name() + "()").update();
            jdbc.sql("drop sequence if exists " + name() + "_attempts").update();
        }
    }

    private static long minor(String amount) {
        return Money.parse(amount).minor();
    }
}
