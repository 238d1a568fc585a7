package app.miniwallet.systemtests.fault;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.loadtests.bench.AccessTokenSigner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Makes verified users with money, written straight into PostgreSQL the way the processor would have left a top-up: a
 * COMPLETED top-up from the cash-in account with both ledger legs, so every invariant holds from the start.
 */
final class WalletPeople {

    private final DataSource dataSource;
    private final AccessTokenSigner tokens;

    WalletPeople(DataSource dataSource, AccessTokenSigner tokens) {
        this.dataSource = dataSource;
        this.tokens = tokens;
    }

    /** A person the load generator acts as: who, and the bearer token to act with. */
    record Person(AccountId account, String token) {

        String bearer() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "user " + account;
        }
    }

    List<Person> peopleWith(int count, long balanceMinor) {
        var people = new ArrayList<Person>(count);
        for (int i = 0; i < count; i++) {
            people.add(personWith(balanceMinor));
        }
        return people;
    }

    Person personWith(long balanceMinor) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var id = insertUser(connection);
                if (balanceMinor > 0) {
                    insertTopUp(connection, id, balanceMinor);
                }
                connection.commit();
                return new Person(AccountId.of(id), tokens.tokenFor(id, Instant.now()));
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not make a person", e);
        }
    }

    private static long insertUser(Connection connection) throws SQLException {
        long id;
        var name = "Faulty " + UUID.randomUUID().toString().substring(0, 8);
        try (var insert = connection.prepareStatement(
                """
                insert into users (name, email, password_hash, email_verified_at)
                values (?, ?, 'not-a-real-hash', now()) returning id""")) {
            insert.setString(1, name);
            insert.setString(2, UUID.randomUUID() + "@faults.test");
            try (var row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
        }
        try (var insert = connection.prepareStatement("insert into accounts (id, kind) values (?, 'USER')")) {
            insert.setLong(1, id);
            insert.executeUpdate();
        }
        return id;
    }

    private static void insertTopUp(Connection connection, long userId, long amountMinor) throws SQLException {
        var now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        var cashInAfter = adjust(connection, AccountId.CASH_IN.value(), -amountMinor);
        var userAfter = adjust(connection, userId, amountMinor);
        var transferId = UUID.randomUUID();
        try (var insert = connection.prepareStatement(
                """
                insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor, status,
                                       applied_partition, applied_offset, sender_balance_after, receiver_balance_after,
                                       created_at, completed_at)
                values (?, 'TOP_UP', ?, ?, ?, ?, 0, 'COMPLETED', -1, -1, ?, ?, ?, ?)""")) {
            insert.setObject(1, transferId);
            insert.setLong(2, userId);
            insert.setLong(3, AccountId.CASH_IN.value());
            insert.setLong(4, userId);
            insert.setLong(5, amountMinor);
            insert.setLong(6, cashInAfter);
            insert.setLong(7, userAfter);
            insert.setTimestamp(8, now);
            insert.setTimestamp(9, now);
            insert.executeUpdate();
        }
        try (var insert = connection.prepareStatement(
                """
                insert into ledger_entries (transfer_id, account_id, amount_minor, balance_after, created_at)
                values (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)""")) {
            insert.setObject(1, transferId);
            insert.setLong(2, AccountId.CASH_IN.value());
            insert.setLong(3, -amountMinor);
            insert.setLong(4, cashInAfter);
            insert.setTimestamp(5, now);
            insert.setObject(6, transferId);
            insert.setLong(7, userId);
            insert.setLong(8, amountMinor);
            insert.setLong(9, userAfter);
            insert.setTimestamp(10, now);
            insert.executeUpdate();
        }
    }

    private static long adjust(Connection connection, long accountId, long deltaMinor) throws SQLException {
        try (var update = connection.prepareStatement(
                "update accounts set balance_minor = balance_minor + ? where id = ? returning balance_minor")) {
            update.setLong(1, deltaMinor);
            update.setLong(2, accountId);
            try (var row = update.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
