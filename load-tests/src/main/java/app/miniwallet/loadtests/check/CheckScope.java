package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A check's restriction to some users and transfers, held in temporary tables so that a scope of a
 * million transfer ids is a join, not a million-element literal. Hands out the SQL predicates that
 * apply it; they are fixed text, never built from input.
 */
final class CheckScope {

    private static final String USERS_TABLE = "invariant_check_users";
    private static final String TRANSFERS_TABLE = "invariant_check_transfers";

    private final CheckRequest request;
    private final Set<Long> userIds;

    private CheckScope(CheckRequest request) {
        this.request = request;
        this.userIds = request.restrictsUsers()
                ? request.users().stream().map(AccountId::value).collect(Collectors.toUnmodifiableSet())
                : Set.of();
    }

    /** Creates and fills this session's scope tables; {@link #drop} removes them again. */
    static CheckScope prepare(Connection connection, CheckRequest request) throws SQLException {
        var scope = new CheckScope(request);
        try (var statement = connection.createStatement()) {
            statement.execute("drop table if exists pg_temp." + USERS_TABLE);
            statement.execute("drop table if exists pg_temp." + TRANSFERS_TABLE);
            statement.execute("create temporary table " + USERS_TABLE + " (id bigint primary key)");
            statement.execute("create temporary table " + TRANSFERS_TABLE + " (id uuid primary key)");
        }
        if (request.restrictsUsers()) {
            try (var insert = connection.prepareStatement(
                    "insert into " + USERS_TABLE + " select unnest(?::bigint[]) on conflict do nothing")) {
                insert.setArray(1, connection.createArrayOf("bigint", scope.userIds.toArray(Long[]::new)));
                insert.executeUpdate();
            }
        }
        if (request.restrictsTransfers()) {
            try (var insert = connection.prepareStatement(
                    "insert into " + TRANSFERS_TABLE + " select unnest(?::uuid[]) on conflict do nothing")) {
                insert.setArray(
                        1,
                        connection.createArrayOf(
                                "uuid",
                                request.transfers().stream()
                                        .map(TransferId::value)
                                        .toArray()));
                insert.executeUpdate();
            }
        }
        try (var statement = connection.createStatement()) {
            // the planner needs the real sizes to choose a join over a million ids
            statement.execute("analyze " + USERS_TABLE);
            statement.execute("analyze " + TRANSFERS_TABLE);
        }
        return scope;
    }

    /** Restricts a {@code transfers} row, aliased {@code t}. */
    String transfersOf(String t) {
        var predicate = new StringBuilder("true");
        if (request.restrictsUsers()) {
            predicate.append(" and (" + t + ".sender_id in (select id from " + USERS_TABLE + ") or " + t
                    + ".receiver_id in (select id from " + USERS_TABLE + "))");
        }
        if (request.restrictsTransfers()) {
            predicate.append(" and " + t + ".id in (select id from " + TRANSFERS_TABLE + ")");
        }
        return predicate.toString();
    }

    /** Restricts a {@code ledger_entries} row, aliased {@code l}, to the transfers in scope. */
    String ledgerOfTransfersIn(String l) {
        return request.restrictsUsers() || request.restrictsTransfers()
                ? l + ".transfer_id in (select t.id from transfers t where " + transfersOf("t") + ")"
                : "true";
    }

    /** Restricts a {@code ledger_entries} row, aliased {@code l}, to the accounts in scope. */
    String ledgerOfAccountsIn(String l) {
        return request.restrictsUsers() ? l + ".account_id in (select id from " + USERS_TABLE + ")" : "true";
    }

    /**
     * Settings for this check's transaction only. Without a user scope the checks read whole tables,
     * and there a sequential scan with hashing beats walking the ledger through an index in random
     * heap order, which the planner otherwise picks (see docs/performance-log.md, "The invariant
     * checker reads whole tables by sequential scan"). With a user scope the indexes are what make it
     * cheap.
     */
    void tunePlanner(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            // SET takes no snapshot, so the snapshot is still fixed by the first query that follows
            statement.execute("set local work_mem = '64MB'");
            if (!request.restrictsUsers()) {
                statement.execute("set local enable_indexscan = off");
                statement.execute("set local enable_bitmapscan = off");
            }
        }
    }

    /** Restricts an {@code accounts} row, aliased {@code a}. */
    String accountsOf(String a) {
        return request.restrictsUsers() ? a + ".id in (select id from " + USERS_TABLE + ")" : "true";
    }

    /** Transfer ids accepted by the caller that have no transfers row; empty without that scope. */
    String acceptedTransfersWithoutRow() {
        return "select s.id from " + TRANSFERS_TABLE
                + " s where not exists (select 1 from transfers t where t.id = s.id)";
    }

    boolean contains(TransferEventsReader.ReadEvent event) {
        if (request.restrictsTransfers() && !request.transfers().contains(TransferId.of(event.transferId()))) {
            return false;
        }
        return !request.restrictsUsers() || event.involvesAnyOf(userIds);
    }

    String describe() {
        return request.describeScope();
    }

    void drop(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("drop table if exists pg_temp." + USERS_TABLE);
            statement.execute("drop table if exists pg_temp." + TRANSFERS_TABLE);
            statement.execute("drop table if exists pg_temp." + TransferEventsReader.EVENTS_TABLE);
        }
    }
}
