package app.miniwallet.loadtests.seedservice;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The seed-shaped service's tables, in a schema of their own on the wallet's PostgreSQL server (they share the server,
 * not the rows): users with a balance that cannot go negative, and a ledger of transactions, as the seeds have them
 * (and the pgbench baseline's {@code seed_baseline}), with a uuid id. Whoever runs the service makes them: the
 * benchmark from its seeded wallet users, a test from its own; the service itself migrates nothing.
 */
public final class SeedServiceTables {

    public static final String SCHEMA = "seed_service";

    private SeedServiceTables() {}

    /**
     * Drops and creates the tables, with one user for each wallet account in {@code userIds}: the same id and the same
     * balance as the wallet has now, so that the same tokens and request bodies drive both.
     */
    public static void createFromWalletAccounts(DataSource dataSource, long[] userIds) {
        try (var connection = dataSource.getConnection()) {
            create(connection);
            try (var insert = connection.prepareStatement(
                    "insert into seed_service.users (id, balance) select id, balance_minor from accounts"
                            + " where id = any(?)")) {
                insert.setArray(
                        1,
                        connection.createArrayOf(
                                "bigint", Arrays.stream(userIds).boxed().toArray()));
                var inserted = insert.executeUpdate();
                if (inserted != userIds.length) {
                    throw new IllegalStateException(
                            "only " + inserted + " of the " + userIds.length + " users have a wallet account");
                }
            }
            analyze(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the seed-shaped service's tables", e);
        }
    }

    /** Drops and creates the tables with these users: balance in minor units by user id. */
    public static void create(DataSource dataSource, Map<Long, Long> balances) {
        try (var connection = dataSource.getConnection()) {
            create(connection);
            try (var insert =
                    connection.prepareStatement("insert into seed_service.users (id, balance) values (?, ?)")) {
                for (var user : balances.entrySet()) {
                    insert.setLong(1, user.getKey());
                    insert.setLong(2, user.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            analyze(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the seed-shaped service's tables", e);
        }
    }

    private static void create(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (var statement = connection.createStatement()) {
            createSchema(statement, SCHEMA, "uuid primary key");
        }
    }

    /**
     * Drops {@code schema} and creates it with the seeds' two tables, which both baselines share: the seed-shaped
     * service's (a uuid ledger id, since the service makes it) and pgbench's (an identity).
     *
     * @param ledgerId the ledger's id column, type and constraints
     */
    public static void createSchema(Statement statement, String schema, String ledgerId) throws SQLException {
        statement.execute("drop schema if exists " + schema + " cascade");
        statement.execute("create schema " + schema);
        statement.execute(
                """
                create table %s.users (
                    id         bigint primary key,
                    balance    bigint      not null check (balance >= 0),
                    updated_at timestamptz not null default now())"""
                        .formatted(schema));
        statement.execute(
                """
                create table %1$s.transactions (
                    id          %2$s,
                    sender_id   bigint      not null references %1$s.users (id),
                    receiver_id bigint      not null references %1$s.users (id),
                    amount      bigint      not null,
                    fee         bigint      not null,
                    created_at  timestamptz not null default now())"""
                        .formatted(schema, ledgerId));
        statement.execute(
                "create index transactions_sender on %s.transactions (sender_id, created_at, id)".formatted(schema));
        statement.execute("create index transactions_receiver on %s.transactions (receiver_id, created_at, id)"
                .formatted(schema));
    }

    private static void analyze(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("vacuum analyze seed_service.users");
        }
    }
}
