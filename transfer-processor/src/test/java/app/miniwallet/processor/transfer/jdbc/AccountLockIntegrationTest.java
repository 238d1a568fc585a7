package app.miniwallet.processor.transfer.jdbc;

import static org.assertj.core.api.Assertions.assertThatCode;

import app.miniwallet.infra.test.WalletTestStack;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The batch's account lock must not stop the api from accepting transfers: inserting a transfer
 * takes KEY SHARE locks on its accounts through the foreign keys, which a FOR UPDATE lock would
 * block (and, with the locks taken in another order, deadlock with).
 */
class AccountLockIntegrationTest {

    private static final DataSource database = WalletTestStack.shared().dataSource();
    private static final JdbcClient jdbc = JdbcClient.create(database);

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

    private static long newAccount() {
        var id = jdbc.sql("insert into users (name, email, password_hash) values ('Lock Test', ?, 'x') returning id")
                .param("lock-" + UUID.randomUUID() + "@test.app")
                .query(Long.class)
                .single();
        jdbc.sql("insert into accounts (id, kind) values (?, 'USER')").param(id).update();
        return id;
    }
}
