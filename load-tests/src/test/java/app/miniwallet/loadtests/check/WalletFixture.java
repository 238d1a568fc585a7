package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.FeeRule;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes wallet data the way the pipeline would (accepted transfers, their application with ledger
 * entries and balances, result events on the topic), and, on purpose, the ways it must never look.
 */
final class WalletFixture implements AutoCloseable {

    /** Offsets on the requests topic that "applied" a transfer: rising, like one partition's. */
    private static final AtomicLong requestOffsets = new AtomicLong(1);

    private static boolean migrated;

    private final DataSource dataSource;
    private final WalletRows rows;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json = JsonMapper.builder().build();
    private Instant lastAcceptedAt = Instant.EPOCH;

    private WalletFixture(DataSource dataSource, KafkaProducer<String, byte[]> producer) {
        this.dataSource = dataSource;
        this.rows = new WalletRows(dataSource);
        this.producer = producer;
    }

    static WalletFixture on(WalletTestStack stack) {
        migrate(stack.dataSource());
        var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        return new WalletFixture(stack.dataSource(), producer);
    }

    /** The services' own schema, from wallet-contracts, once per JVM. */
    private static synchronized void migrate(DataSource dataSource) {
        if (!migrated) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            migrated = true;
        }
    }

    AccountId newUser() {
        return rows.newUser("Checked").id();
    }

    String emailOf(AccountId user) {
        return inTransaction(connection -> {
            try (var select = connection.prepareStatement("select email from users where id = ?")) {
                select.setLong(1, user.value());
                try (var row = select.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        });
    }

    AccountId userWithBalance(long minor) {
        var user = newUser();
        topUp(user, minor);
        return user;
    }

    Decided topUp(AccountId user, long amountMinor) {
        return announce(apply(accept(TransferKind.TOP_UP, user, AccountId.CASH_IN, user, amountMinor, 0)));
    }

    Decided transfer(AccountId from, AccountId to, long amountMinor) {
        return announce(apply(pendingTransfer(from, to, amountMinor)));
    }

    /** Applied in the database, but its result event never reached the topic. */
    Decided unannouncedTransfer(AccountId from, AccountId to, long amountMinor) {
        return apply(pendingTransfer(from, to, amountMinor));
    }

    Decided rejectedTransfer(AccountId from, AccountId to, long amountMinor) {
        return announce(reject(pendingTransfer(from, to, amountMinor)));
    }

    /** Accepted by the API, not yet applied. */
    Accepted pendingTransfer(AccountId from, AccountId to, long amountMinor) {
        var fee = FeeRule.STANDARD.feeFor(Money.ofMinor(amountMinor)).minor();
        return accept(TransferKind.TRANSFER, from, from, to, amountMinor, fee);
    }

    /**
     * What a processor that skipped the funds check would do: the overdraft is applied with a
     * balanced ledger. The schema's guard is lifted for this one transaction and put back NOT VALID,
     * so it guards every later write again while this row stays as the broken example.
     */
    Decided overdraftTransfer(AccountId from, AccountId to, long amountMinor) {
        var accepted = pendingTransfer(from, to, amountMinor);
        return announce(inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("alter table accounts drop constraint user_balance_not_negative");
            }
            var decided = apply(connection, accepted);
            try (var statement = connection.createStatement()) {
                statement.execute("alter table accounts add constraint user_balance_not_negative"
                        + " check (kind <> 'USER' or balance_minor >= 0) not valid");
            }
            return decided;
        }));
    }

    Decided apply(Accepted accepted) {
        return inTransaction(connection -> apply(connection, accepted));
    }

    private Decided apply(Connection connection, Accepted accepted) throws SQLException {
        var debit = accepted.amountMinor() + accepted.feeMinor();
        var senderAfter = adjustBalance(connection, accepted.sender(), -debit);
        bookLedger(connection, accepted.id(), accepted.sender(), -debit, senderAfter);
        var receiverAfter = adjustBalance(connection, accepted.receiver(), accepted.amountMinor());
        bookLedger(connection, accepted.id(), accepted.receiver(), accepted.amountMinor(), receiverAfter);
        if (accepted.feeMinor() > 0) {
            var feeAfter = adjustBalance(connection, AccountId.FEE, accepted.feeMinor());
            bookLedger(connection, accepted.id(), AccountId.FEE, accepted.feeMinor(), feeAfter);
        }
        markDecided(connection, accepted, "COMPLETED", null, senderAfter, receiverAfter);
        return new Decided(accepted, completedEvent(accepted, senderAfter, receiverAfter));
    }

    /** Marked COMPLETED with nobody's money moved: no balances, no ledger. */
    Decided completedWithoutApplying(AccountId from, AccountId to, long amountMinor) {
        var accepted = pendingTransfer(from, to, amountMinor);
        return announce(inTransaction(connection -> {
            var senderBalance = balance(connection, from);
            var receiverBalance = balance(connection, to);
            markDecided(connection, accepted, "COMPLETED", null, senderBalance, receiverBalance);
            return new Decided(accepted, completedEvent(accepted, senderBalance, receiverBalance));
        }));
    }

    private Decided reject(Accepted accepted) {
        return inTransaction(connection -> {
            var senderBalance = balance(connection, accepted.sender());
            markDecided(
                    connection, accepted, "REJECTED", RejectionReason.INSUFFICIENT_FUNDS.name(), senderBalance, null);
            return new Decided(
                    accepted,
                    new TransferRejected(
                            TransferEvent.eventIdFor(accepted.id()),
                            TransferEvent.SCHEMA_VERSION,
                            Instant.now(),
                            accepted.id(),
                            accepted.kind(),
                            accepted.sender(),
                            accepted.receiver(),
                            accepted.amountMinor(),
                            accepted.feeMinor(),
                            RejectionReason.INSUFFICIENT_FUNDS,
                            senderBalance,
                            accepted.acceptedAt()));
        });
    }

    /** Publishes the decided transfer's result event (again, if it was published before). */
    Decided announce(Decided decided) {
        publish(decided.event());
        return decided;
    }

    /** Publishes a rejection for a transfer, whatever its row says. */
    void announceRejectionOf(Decided decided) {
        var accepted = decided.transfer();
        publish(new TransferRejected(
                TransferEvent.eventIdFor(accepted.id()),
                TransferEvent.SCHEMA_VERSION,
                Instant.now(),
                accepted.id(),
                accepted.kind(),
                accepted.sender(),
                accepted.receiver(),
                accepted.amountMinor(),
                accepted.feeMinor(),
                RejectionReason.INSUFFICIENT_FUNDS,
                0,
                accepted.acceptedAt()));
    }

    /** The two transfers swap the request offsets that applied them. */
    void swapApplicationOrder(Decided first, Decided second) {
        inTransaction(connection -> {
            try (var update = connection.prepareStatement(
                    """
                    update transfers t set applied_offset = o.applied_offset
                    from transfers o
                    where (t.id, o.id) in ((?, ?), (?, ?))""")) {
                update.setObject(1, first.id().value());
                update.setObject(2, second.id().value());
                update.setObject(3, second.id().value());
                update.setObject(4, first.id().value());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** A balance raised with no ledger entry and no account paying for it. */
    void creditOutOfNothing(AccountId account, long amountMinor) {
        inTransaction(connection -> adjustBalance(connection, account, amountMinor));
    }

    /** Money moved between two accounts in their balances only; the total still adds up. */
    void moveBalanceBehindTheLedger(AccountId from, AccountId to, long amountMinor) {
        inTransaction(connection -> {
            adjustBalance(connection, from, -amountMinor);
            return adjustBalance(connection, to, amountMinor);
        });
    }

    /** The receiver is credited a second time under the same transfer, balance and ledger alike. */
    void bookReceiverCreditTwice(Decided decided) {
        var accepted = decided.transfer();
        inTransaction(connection -> {
            var after = adjustBalance(connection, accepted.receiver(), accepted.amountMinor());
            bookLedger(connection, accepted.id(), accepted.receiver(), accepted.amountMinor(), after);
            return null;
        });
    }

    /** A credit booked against a transfer that does not exist (the ledger has no foreign keys). */
    void bookCreditOfNoTransfer(AccountId account, long amountMinor) {
        inTransaction(connection -> {
            var after = adjustBalance(connection, account, amountMinor);
            bookLedger(connection, TransferId.next(), account, amountMinor, after);
            return null;
        });
    }

    private Accepted accept(
            TransferKind kind,
            AccountId requestedBy,
            AccountId sender,
            AccountId receiver,
            long amountMinor,
            long feeMinor) {
        var accepted = new Accepted(
                TransferId.next(), kind, requestedBy, sender, receiver, amountMinor, feeMinor, nextAcceptedAt());
        inTransaction(connection -> {
            try (var insert = connection.prepareStatement(
                    """
                    insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor,
                                           status, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")) {
                insert.setObject(1, accepted.id().value());
                insert.setString(2, kind.name());
                insert.setLong(3, requestedBy.value());
                insert.setLong(4, sender.value());
                insert.setLong(5, receiver.value());
                insert.setLong(6, amountMinor);
                insert.setLong(7, feeMinor);
                insert.setTimestamp(8, Timestamp.from(accepted.acceptedAt()));
                return insert.executeUpdate();
            }
        });
        return accepted;
    }

    /** Acceptance times strictly rise, so the order check always has an order to judge. */
    private synchronized Instant nextAcceptedAt() {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        lastAcceptedAt = now.isAfter(lastAcceptedAt) ? now : lastAcceptedAt.plus(1, ChronoUnit.MICROS);
        return lastAcceptedAt;
    }

    private static void markDecided(
            Connection connection,
            Accepted accepted,
            String status,
            String reason,
            long senderBalanceAfter,
            Long receiverBalanceAfter)
            throws SQLException {
        try (var update = connection.prepareStatement(
                """
                update transfers
                set status = ?, reason = ?, applied_partition = ?, applied_offset = ?,
                    sender_balance_after = ?, receiver_balance_after = ?, completed_at = now()
                where id = ?""")) {
            update.setString(1, status);
            update.setString(2, reason);
            // a requester's records share one partition: the key is the requester's id
            update.setInt(3, (int) (accepted.requestedBy().value() % WalletTestStack.PARTITIONS));
            update.setLong(4, requestOffsets.getAndIncrement());
            update.setLong(5, senderBalanceAfter);
            update.setObject(6, receiverBalanceAfter);
            update.setObject(7, accepted.id().value());
            update.executeUpdate();
        }
    }

    private static long adjustBalance(Connection connection, AccountId account, long deltaMinor) throws SQLException {
        try (var update = connection.prepareStatement(
                "update accounts set balance_minor = balance_minor + ?, version = version + 1, updated_at = now()"
                        + " where id = ? returning balance_minor")) {
            update.setLong(1, deltaMinor);
            update.setLong(2, account.value());
            try (var row = update.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long balance(Connection connection, AccountId account) throws SQLException {
        try (var select = connection.prepareStatement("select balance_minor from accounts where id = ?")) {
            select.setLong(1, account.value());
            try (var row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void bookLedger(
            Connection connection, TransferId transfer, AccountId account, long amountMinor, long balanceAfter)
            throws SQLException {
        try (var insert = connection.prepareStatement(
                "insert into ledger_entries (transfer_id, account_id, amount_minor, balance_after) values (?, ?, ?, ?)")) {
            insert.setObject(1, transfer.value());
            insert.setLong(2, account.value());
            insert.setLong(3, amountMinor);
            insert.setLong(4, balanceAfter);
            insert.executeUpdate();
        }
    }

    private static TransferCompleted completedEvent(Accepted accepted, long senderAfter, long receiverAfter) {
        return new TransferCompleted(
                TransferEvent.eventIdFor(accepted.id()),
                TransferEvent.SCHEMA_VERSION,
                Instant.now(),
                accepted.id(),
                accepted.kind(),
                accepted.sender(),
                accepted.receiver(),
                accepted.amountMinor(),
                accepted.feeMinor(),
                senderAfter,
                receiverAfter,
                accepted.acceptedAt());
    }

    private void publish(TransferEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.TRANSFER_EVENTS, event.eventKey(), json.writeValueAsBytes(event)))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + event, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event, e);
        }
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture could not write its data", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A transfer as the API accepted it. */
    record Accepted(
            TransferId id,
            TransferKind kind,
            AccountId requestedBy,
            AccountId sender,
            AccountId receiver,
            long amountMinor,
            long feeMinor,
            Instant acceptedAt) {}

    /** A transfer the "processor" decided, with the result event that belongs to it. */
    record Decided(Accepted transfer, TransferEvent event) {

        TransferId id() {
            return transfer.id();
        }
    }
}
