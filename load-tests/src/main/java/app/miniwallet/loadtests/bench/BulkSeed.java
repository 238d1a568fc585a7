package app.miniwallet.loadtests.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documented bulk seed: users (email verified, no usable password: the benchmark signs their tokens), their
 * accounts, and one completed top-up each from the cash-in account with both ledger entries, the way a top-up through
 * the pipeline leaves them (api's WalletFixtures#insertTopUp, set-based). So every balance equals its ledger sum and all
 * balances still sum to what they summed to before. One transaction, a handful of statements, whatever the count.
 *
 * <p>Seeded top-ups have no result event (they never went through Kafka): the invariant checker is pointed at the
 * transfers the run itself made.
 */
final class BulkSeed {

    /** Enough for any run: the load moves 1.00 to 10.00 per transfer. */
    static final long USER_BALANCE_MINOR = 100_000_000L; // 1,000,000.00

    /** The hot sender pays 80% of a whole rate search. */
    static final long HOT_SENDER_BALANCE_MINOR = 100_000_000_000L; // 1,000,000,000.00

    private static final Logger log = LoggerFactory.getLogger(BulkSeed.class);

    private final DataSource dataSource;

    BulkSeed(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Seeds {@code count} users named after {@code runId}; returns their ids in ascending order. */
    long[] seed(String runId, int count) {
        var started = System.nanoTime();
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var ids = insertUsers(connection, runId, count);
                fund(connection, ids);
                connection.commit();
                log.info(
                        "seeded {} users with accounts and top-ups in {} ms",
                        count,
                        (System.nanoTime() - started) / 1_000_000);
                return ids;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed the benchmark users", e);
        }
    }

    private static long[] insertUsers(Connection connection, String runId, int count) throws SQLException {
        try (var insert = connection.prepareStatement(
                """
                with new_users as (
                    insert into users (name, email, password_hash, email_verified_at)
                    select 'Bench ' || ? || ' user ' || g, 'bench-' || ? || '-' || g || '@load.test', '!', now()
                      from generate_series(1, ?) g
                    returning id)
                insert into accounts (id, kind, balance_minor) select id, 'USER', 0 from new_users
                returning id""")) {
            insert.setString(1, runId);
            insert.setString(2, runId);
            insert.setInt(3, count);
            var ids = new long[count];
            var index = 0;
            try (var rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids[index++] = rows.getLong(1);
                }
            }
            Arrays.sort(ids);
            return ids;
        }
    }

    /** One top-up per user; the first (the hot sender) gets more. The cash-in account pays, under its row lock. */
    private static void fund(Connection connection, long[] ids) throws SQLException {
        // funded the day before: the opening balances are history, not today's top-ups against the daily limit
        var now = Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS));
        try (var statement = connection.prepareStatement(
                """
                with cash_in as (
                    select balance_minor from accounts where id = 2 for update),
                top_ups as (
                    select gen_random_uuid() as transfer_id, u.id as account_id,
                           case when u.id = ? then ?::bigint else ?::bigint end as amount_minor
                      from unnest(?::bigint[]) as u(id)),
                numbered as (
                    select t.*, (select balance_minor from cash_in)
                                - sum(t.amount_minor) over (order by t.account_id) as cash_in_after
                      from top_ups t),
                transfers_made as (
                    insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor,
                                           status, applied_partition, applied_offset, sender_balance_after,
                                           receiver_balance_after, created_at, completed_at)
                    select transfer_id, 'TOP_UP', account_id, 2, account_id, amount_minor, 0, 'COMPLETED', -1, -1,
                           cash_in_after, amount_minor, ?::timestamptz, ?::timestamptz
                        from numbered),
                entries as (
                    insert into ledger_entries (transfer_id, account_id, amount_minor, balance_after, created_at)
                    select transfer_id, 2, -amount_minor, cash_in_after, ?::timestamptz from numbered
                    union all
                    select transfer_id, account_id, amount_minor, amount_minor, ?::timestamptz from numbered),
                users_funded as (
                    update accounts a set balance_minor = a.balance_minor + n.amount_minor, updated_at = now()
                      from numbered n
                     where a.id = n.account_id)
                -- data-modifying parts of a WITH run exactly once, referenced or not
                update accounts
                   set balance_minor = balance_minor - (select sum(amount_minor) from numbered), updated_at = now()
                 where id = 2""")) {
            statement.setLong(1, ids[0]);
            statement.setLong(2, HOT_SENDER_BALANCE_MINOR);
            statement.setLong(3, USER_BALANCE_MINOR);
            statement.setArray(
                    4,
                    connection.createArrayOf(
                            "bigint", Arrays.stream(ids).boxed().toArray()));
            statement.setTimestamp(5, now);
            statement.setTimestamp(6, now);
            statement.setTimestamp(7, now);
            statement.setTimestamp(8, now);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("the cash-in account was not debited for the seed's top-ups");
            }
        }
    }
}
