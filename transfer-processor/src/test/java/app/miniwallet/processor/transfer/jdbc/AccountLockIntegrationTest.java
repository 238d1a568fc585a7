package app.miniwallet.processor.transfer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.transfer.RecordPosition;
import app.miniwallet.processor.transfer.RequestedTransfer;
import app.miniwallet.processor.transfer.StoredTransfer;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a batch holds its accounts. Its lock must not stop the api from accepting transfers: inserting a
 * transfer takes KEY SHARE locks on its accounts through the foreign keys, which a FOR UPDATE lock would
 * block (and, with the locks taken in another order, deadlock with). And a batch waits for its turn
 * before it locks any account, so waiting batches never hold accounts that others need.
 */
class AccountLockIntegrationTest {

    private static final DataSource database = WalletTestStack.shared().dataSource();
    private static final JdbcClient jdbc = JdbcClient.create(database);
    private static final WalletRows rows = new WalletRows(database);

    @BeforeAll
    static void schema() {
        Flyway.configure().dataSource(database).load().migrate();
    }

    @Test
    void aBatchHoldingTheAccountsDoesNotBlockSubmittingATransferBetweenThem() throws Exception {
        var sender = newAccount();
        var receiver = newAccount();
        try (var batch = database.getConnection()) {
            batch.setAutoCommit(false);
            try (var lock = batch.prepareStatement(JdbcTransferBatches.LOCK_ACCOUNTS)) {
                lock.setArray(1, batch.createArrayOf("bigint", new Long[] {sender, receiver}));
                lock.executeQuery().close();
            }

            try (var api = database.getConnection()) {
                api.setAutoCommit(false);
                try (var statement = api.createStatement()) {
                    // fail instead of waiting: a blocked insert is the defect this test is about
                    statement.execute("set local lock_timeout = '2s'");
                }
                assertThatCode(() -> {
                            try (var insert = api.prepareStatement(
                                    """
                                    insert into transfers (id, kind, requested_by, sender_id, receiver_id,
                                                           amount_minor, fee_minor, status)
                                    values (?, 'TRANSFER', ?, ?, ?, 100, 2, 'PENDING')""")) {
                                insert.setObject(1, UUID.randomUUID());
                                insert.setLong(2, sender);
                                insert.setLong(3, sender);
                                insert.setLong(4, receiver);
                                insert.executeUpdate();
                            }
                        })
                        .doesNotThrowAnyException();
                api.rollback();
            }
            batch.rollback();
        }
    }

    @Test
    void aBatchWaitsForItsTurnBeforeItLocksAnyOfItsAccounts() throws Exception {
        var receiver = newAccount();
        var topUp = pendingTopUp(receiver, 500);
        var batches = new JdbcTransferBatches(jdbc, new TransactionTemplate(new JdbcTransactionManager(database)));

        try (var otherBatch = database.getConnection()) {
            otherBatch.setAutoCommit(false);
            try (var turn = otherBatch.prepareStatement(JdbcTransferBatches.TAKE_APPLY_TURN)) {
                turn.setLong(1, JdbcTransferBatches.APPLY_TURN);
                turn.executeQuery().close();
            }
            var applying = CompletableFuture.supplyAsync(() ->
                    batches.apply(List.of(new RequestedTransfer(topUp, new RecordPosition(0, 1))), Instant.now()));

            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForTheTurn() > 0);
            assertThat(applying).isNotDone();
            // its accounts are free meanwhile: taking one without waiting succeeds
            try (var other = database.getConnection()) {
                other.setAutoCommit(false);
                assertThatCode(() -> other.createStatement()
                                .executeQuery(
                                        "select id from accounts where id = " + receiver + " for no key update nowait")
                                .close())
                        .doesNotThrowAnyException();
                other.rollback();
            }

            otherBatch.rollback();
            assertThat(applying.get(10, TimeUnit.SECONDS).decided())
                    .singleElement()
                    .extracting(StoredTransfer::status)
                    .isEqualTo(TransferStatus.COMPLETED);
        }
    }

    private static long waitingForTheTurn() {
        // the statement shows as PostgreSQL received it: "select pg_advisory_xact_lock($1)"
        return jdbc.sql(
                        """
                        select count(*) from pg_stat_activity
                         where wait_event_type = 'Lock' and wait_event = 'advisory'
                           and query like 'select pg_advisory_xact_lock(%'""")
                .query(Long.class)
                .single();
    }

    private static TransferId pendingTopUp(long receiver, long amountMinor) {
        var id = TransferId.next();
        jdbc.sql(
                        """
                        insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor,
                                               fee_minor, status)
                        values (?, 'TOP_UP', ?, ?, ?, ?, 0, 'PENDING')""")
                .params(id.value(), receiver, AccountId.CASH_IN.value(), receiver, amountMinor)
                .update();
        return id;
    }

    private static long newAccount() {
        return rows.newUser("Lock Test").id().value();
    }
}
