package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.money.Money;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges the guarantees of docs/architecture.md by the data they leave behind: PostgreSQL's accounts,
 * transfers and ledger, and the result events on {@code wallet.transfer-events}. Read-only towards
 * the wallet; usable from tests and, through {@link CheckCommand}, against any running deployment.
 *
 * <p>Every check is one set-based query (GROUP BY, joins, window functions) over the scope; the
 * database checks share one REPEATABLE READ snapshot, so a report describes one moment. Events are
 * copied into a temporary table and compared in SQL too. Judge a quiet system, or give the check a
 * settle timeout: work still in flight when the snapshot is taken shows up as violations.
 */
public final class InvariantChecker {

    private static final Logger log = LoggerFactory.getLogger(InvariantChecker.class);

    private static final Duration SETTLE_POLL = Duration.ofMillis(200);

    private final DataSource dataSource;
    private final String bootstrapServers;

    public InvariantChecker(DataSource dataSource, String bootstrapServers) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
    }

    /** What all accounts sum to now: the baseline for a check on a database that others write to. */
    public long totalBalanceMinor() {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var row = statement.executeQuery("select coalesce(sum(balance_minor), 0) from accounts")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not sum the account balances", e);
        }
    }

    public CheckReport check(CheckRequest request) {
        var started = System.nanoTime();
        var deadline = started + request.settleTimeout().toNanos();
        var findings = new Findings(request.listedPerKind());
        log.info("checking the wallet's invariants, scope: {}", request.describeScope());
        try (var connection = dataSource.getConnection()) {
            var autoCommit = connection.getAutoCommit();
            var isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(true);
            var scope = CheckScope.prepare(connection, request);
            try {
                TransferEventsReader.createTable(connection);
                awaitDecided(connection, scope, deadline);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setAutoCommit(false);
                try {
                    var coverage = judge(connection, scope, request, findings, deadline);
                    return new CheckReport(
                            findings.listed(),
                            findings.counts(),
                            coverage,
                            Duration.ofNanos(System.nanoTime() - started));
                } finally {
                    // nothing of the wallet was written; the temporary tables' rows go with the snapshot
                    connection.rollback();
                    connection.setAutoCommit(true);
                    connection.setTransactionIsolation(isolation);
                }
            } finally {
                scope.drop(connection);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the wallet database", e);
        }
    }

    /** Waits, up to the deadline, until no transfer in scope is PENDING. */
    private void awaitDecided(Connection connection, CheckScope scope, long deadline) throws SQLException {
        var sql = "select count(*) from transfers t where t.status = 'PENDING' and " + scope.transfersOf("t");
        while (true) {
            var pending = count(connection, sql);
            if (pending == 0 || System.nanoTime() >= deadline) {
                return;
            }
            log.info("waiting for {} pending transfers to be decided", pending);
            pause();
        }
    }

    private CheckCoverage judge(
            Connection connection, CheckScope scope, CheckRequest request, Findings findings, long deadline)
            throws SQLException {
        scope.tunePlanner(connection);
        // the first query fixes the snapshot every database check below reads
        long totalMinor;
        long accounts;
        try (var statement = connection.createStatement();
                var row = statement.executeQuery("select (select coalesce(sum(balance_minor), 0) from accounts),"
                        + " (select count(*) from accounts a where " + scope.accountsOf("a") + ")")) {
            row.next();
            totalMinor = row.getLong(1);
            accounts = row.getLong(2);
        }
        if (totalMinor != request.expectedTotalMinor()) {
            var difference = totalMinor - request.expectedTotalMinor();
            findings.add(new Violation(
                    Violation.Kind.MONEY_CREATED_OR_LOST,
                    "the accounts sum to %s, expected %s: %s was %s"
                            .formatted(
                                    Money.ofMinor(totalMinor),
                                    Money.ofMinor(request.expectedTotalMinor()),
                                    Money.ofMinor(Math.abs(difference)),
                                    difference > 0 ? "created" : "lost")));
        }
        long transfers;
        long pending;
        try (var statement = connection.createStatement();
                var row = statement.executeQuery(
                        "select count(*), count(*) filter (where t.status = 'PENDING') from transfers t where "
                                + scope.transfersOf("t"))) {
            row.next();
            transfers = row.getLong(1);
            pending = row.getLong(2);
        }
        var step = System.nanoTime();
        checkAccounts(connection, scope, findings);
        step = logStep("accounts against their ledger", step);
        checkLedgerOwners(connection, scope, findings);
        checkTransferLedgers(connection, scope, findings);
        step = logStep("transfers against their ledger", step);
        checkDecided(connection, scope, request, findings);
        checkSenderOrder(connection, scope, findings);
        step = logStep("decisions and per-sender order", step);
        checkNotifierTable(connection, findings);
        var events = checkEvents(connection, scope, findings, deadline);
        logStep("result events", step);
        checkSentEmails(connection, scope, request, findings);
        return new CheckCoverage(
                scope.describe(), accounts, transfers, pending, events, totalMinor, request.expectedTotalMinor());
    }

    /** Guarantees 1 and 2 per account: no negative user balance, balance = sum of its ledger. */
    private void checkAccounts(Connection connection, CheckScope scope, Findings findings) throws SQLException {
        var sql =
                """
                with scoped_accounts as materialized (
                    select a.id, a.kind, a.balance_minor from accounts a where %s),
                ledger as (
                    select l.account_id, sum(l.amount_minor)::bigint as ledger_minor, count(*) as entries
                    from ledger_entries l
                    where %s
                    group by l.account_id)
                select 'NEGATIVE_USER_BALANCE' as kind, a.id as account_id, a.kind as account_kind,
                       a.balance_minor, null::bigint as ledger_minor, null::bigint as entries
                from scoped_accounts a
                where a.kind = 'USER' and a.balance_minor < 0
                union all
                select 'BALANCE_DIFFERS_FROM_LEDGER', a.id, a.kind, a.balance_minor,
                       coalesce(l.ledger_minor, 0), coalesce(l.entries, 0)
                from scoped_accounts a left join ledger l on l.account_id = a.id
                where a.balance_minor <> coalesce(l.ledger_minor, 0)
                """
                        .formatted(scope.accountsOf("a"), scope.ledgerOfAccountsIn("l"));
        collect(connection, findings, sql, row -> {
            var account = "account %d (%s) has balance %s"
                    .formatted(
                            row.getLong("account_id"),
                            row.getString("account_kind"),
                            Money.ofMinor(row.getLong("balance_minor")));
            if (row.getObject("ledger_minor") == null) {
                return account;
            }
            return account
                    + " but its %d ledger entries sum to %s"
                            .formatted(row.getLong("entries"), Money.ofMinor(row.getLong("ledger_minor")));
        });
    }

    /** Guarantee 1: the ledger has no foreign keys (the processor alone writes it), so check what they would. */
    private void checkLedgerOwners(Connection connection, CheckScope scope, Findings findings) throws SQLException {
        var sql =
                """
                select 'ORPHAN_LEDGER_ENTRY' as kind, l.id, l.transfer_id, l.account_id, l.amount_minor
                from ledger_entries l
                where %s
                  and (not exists (select 1 from transfers t where t.id = l.transfer_id)
                       or not exists (select 1 from accounts a where a.id = l.account_id))
                """
                        .formatted(scope.ledgerOfAccountsIn("l"));
        collect(connection, findings, sql, row -> "ledger entry %d of %s names transfer %s and account %d"
                .formatted(
                        row.getLong("id"),
                        Money.ofMinor(row.getLong("amount_minor")),
                        row.getObject("transfer_id"),
                        row.getLong("account_id")));
    }

    /** Guarantees 1 and 3 per transfer: balanced ledger, ledger rows if and only if COMPLETED. */
    private void checkTransferLedgers(Connection connection, CheckScope scope, Findings findings) throws SQLException {
        var sql =
                """
                with ledger as (
                    select l.transfer_id, count(*) as entries, sum(l.amount_minor)::bigint as ledger_minor
                    from ledger_entries l
                    where %s
                    group by l.transfer_id)
                select case
                           when t.status <> 'COMPLETED' and l.entries is not null then 'LEDGER_FOR_UNAPPLIED_TRANSFER'
                           when t.status = 'COMPLETED' and l.entries is null then 'COMPLETED_WITHOUT_LEDGER'
                           else 'UNBALANCED_TRANSFER'
                       end as kind,
                       t.id as transfer_id, t.kind as transfer_kind, t.status, t.sender_id, t.receiver_id,
                       t.amount_minor, coalesce(l.entries, 0) as entries, coalesce(l.ledger_minor, 0) as ledger_minor
                from transfers t left join ledger l on l.transfer_id = t.id
                where %s
                  and ((t.status <> 'COMPLETED' and l.entries is not null)
                       or (t.status = 'COMPLETED' and l.entries is null)
                       or l.ledger_minor <> 0)
                """
                        .formatted(scope.ledgerOfTransfersIn("l"), scope.transfersOf("t"));
        collect(connection, findings, sql, row -> "%s (%s) has %d ledger entries summing to %s"
                .formatted(
                        describeTransfer(row),
                        row.getString("status"),
                        row.getLong("entries"),
                        Money.ofMinor(row.getLong("ledger_minor"))));
    }

    /** Guarantee 3: every accepted transfer exists and was decided. */
    private void checkDecided(Connection connection, CheckScope scope, CheckRequest request, Findings findings)
            throws SQLException {
        var sql =
                """
                select 'PENDING_TRANSFER' as kind, t.id as transfer_id, t.requested_by, t.created_at
                from transfers t
                where t.status = 'PENDING' and %s
                """
                        .formatted(scope.transfersOf("t"));
        var waited = request.settleTimeout().isZero() ? "" : " after waiting " + request.settleTimeout();
        collect(connection, findings, sql, row -> "transfer %s requested by %d at %s is still PENDING%s"
                .formatted(
                        row.getObject("transfer_id"),
                        row.getLong("requested_by"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        waited));
        if (request.restrictsTransfers()) {
            collect(
                    connection,
                    findings,
                    "select 'ACCEPTED_TRANSFER_MISSING' as kind, m.id as transfer_id from ("
                            + scope.acceptedTransfersWithoutRow() + ") m",
                    row -> "transfer %s was accepted but has no transfers row".formatted(row.getObject("transfer_id")));
        }
    }

    /**
     * Guarantee 5. One requester's records share a partition (the key is the requester's id), so the
     * offsets that applied their transfers must rise with acceptance time. A transfer is out of order
     * when an earlier-accepted one of the same requester was applied at a higher offset. Transfers
     * accepted at the same instant have no order to keep.
     */
    private void checkSenderOrder(Connection connection, CheckScope scope, Findings findings) throws SQLException {
        var sql =
                """
                with decided as materialized (
                    select t.id, t.requested_by, t.created_at, t.applied_partition, t.applied_offset
                    from transfers t
                    where t.status <> 'PENDING' and %s),
                acceptance_instants as (
                    select d.requested_by, d.applied_partition, d.created_at, max(d.applied_offset) as max_offset
                    from decided d
                    group by d.requested_by, d.applied_partition, d.created_at),
                earlier as (
                    -- over whole instants, not rows: a frame that excludes the current row's peers makes
                    -- PostgreSQL recompute the aggregate per row (quadratic: minutes for one hot sender)
                    select i.*,
                           max(i.max_offset) over (
                               partition by i.requested_by, i.applied_partition order by i.created_at
                               rows between unbounded preceding and 1 preceding) as earlier_max_offset
                    from acceptance_instants i),
                ranked as (
                    select d.*, e.earlier_max_offset
                    from decided d
                    join earlier e on e.requested_by = d.requested_by
                                  and e.applied_partition = d.applied_partition
                                  and e.created_at = d.created_at)
                select 'OUT_OF_ORDER' as kind, r.requested_by, r.id as transfer_id, r.created_at,
                       r.applied_partition, r.applied_offset, e.id as earlier_id,
                       e.created_at as earlier_created_at, r.earlier_max_offset, null::text as partitions
                from ranked r
                left join decided e on e.requested_by = r.requested_by
                                   and e.applied_partition = r.applied_partition
                                   and e.applied_offset = r.earlier_max_offset
                where r.earlier_max_offset > r.applied_offset
                union all
                select 'OUT_OF_ORDER', d.requested_by, null, null, null, null, null, null, null,
                       string_agg(distinct d.applied_partition::text, ', ')
                from decided d
                group by d.requested_by
                having count(distinct d.applied_partition) > 1
                """
                        .formatted(scope.transfersOf("t"));
        collect(connection, findings, sql, row -> {
            if (row.getString("partitions") != null) {
                return "requester %d had transfers applied from partitions %s; one requester's records must share one"
                                .formatted(row.getLong("requested_by"), row.getString("partitions"))
                        + " partition for their order to hold";
            }
            var earlierAcceptedAt = row.getObject("earlier_created_at", OffsetDateTime.class);
            return ("requester %d: transfer %s accepted at %s was applied at %d@%d, before transfer %s accepted"
                            + " earlier at %s and applied later at %d@%d")
                    .formatted(
                            row.getLong("requested_by"),
                            row.getObject("transfer_id"),
                            row.getObject("created_at", OffsetDateTime.class).toInstant(),
                            row.getInt("applied_partition"),
                            row.getLong("applied_offset"),
                            row.getObject("earlier_id"),
                            earlierAcceptedAt == null ? "?" : earlierAcceptedAt.toInstant(),
                            row.getInt("applied_partition"),
                            row.getLong("earlier_max_offset"));
        });
    }

    /**
     * Emails cannot be counted twice in {@code delivered_notifications} (its key forbids it), so the
     * database can only show that the notifier's dedupe has a table to write to; the proof that no
     * email went out twice is in a mail server's capture, see {@link #checkSentEmails}.
     */
    private void checkNotifierTable(Connection connection, Findings findings) throws SQLException {
        try (var statement = connection.createStatement();
                var row = statement.executeQuery("select to_regclass('delivered_notifications') is not null")) {
            row.next();
            if (!row.getBoolean(1)) {
                findings.add(new Violation(
                        Violation.Kind.NOTIFIER_TABLE_MISSING,
                        "table delivered_notifications does not exist; the notifier cannot dedupe its emails"));
            }
        }
    }

    /**
     * Guarantee 4: exactly one result event per decided transfer, agreeing with its status, and none
     * for a transfer that does not exist. Events for a transfer still PENDING in the snapshot are not
     * judged against its status: the processor commits the database first, so such an event may
     * simply be younger than the snapshot; a PENDING transfer is reported as such anyway.
     */
    private long checkEvents(Connection connection, CheckScope scope, Findings findings, long deadline)
            throws SQLException {
        long events;
        try (var reader = new TransferEventsReader(bootstrapServers, scope::contains)) {
            events = reader.readToEnd(connection, findings);
            var missingSql = "select count(*) from transfers t where t.status <> 'PENDING' and "
                    + scope.transfersOf("t") + " and not exists (select 1 from " + TransferEventsReader.EVENTS_TABLE
                    + " e where e.transfer_id = t.id)";
            // the processor commits its Kafka transaction just after the database: give late events time
            var missing = System.nanoTime() < deadline ? count(connection, missingSql) : 0;
            while (missing > 0 && System.nanoTime() < deadline) {
                log.info("waiting for the result events of {} decided transfers", missing);
                pause();
                events = reader.readToEnd(connection, findings);
                missing = count(connection, missingSql);
            }
        }
        var sql = eventsSql(scope.transfersOf("t"));
        collect(connection, findings, sql, row -> {
            var status = row.getString("status");
            var transfer =
                    "transfer %s%s".formatted(row.getObject("transfer_id"), status == null ? "" : " (" + status + ")");
            var seen = row.getString("seen");
            return seen == null
                    ? transfer + " has no event"
                    : transfer + " has " + row.getLong("events") + " event(s): " + seen;
        });
        return events;
    }

    /** The events check's query; {@code transfersInScope} restricts {@code transfers t}. */
    static String eventsSql(String transfersInScope) {
        return """
                with tally as (
                    select e.transfer_id, count(*) as events,
                           count(*) filter (where e.event_type = 'TransferCompleted') as completed_events,
                           count(*) filter (where e.event_type = 'TransferRejected') as rejected_events
                    from %2$s e
                    group by e.transfer_id),
                judged as (
                    select t.id as transfer_id, t.status, coalesce(c.events, 0) as events,
                           case t.status
                               when 'COMPLETED' then coalesce(c.events - c.completed_events, 0)
                               when 'REJECTED' then coalesce(c.events - c.rejected_events, 0)
                               else 0
                           end as contradicting
                    from transfers t left join tally c on c.transfer_id = t.id
                    where %1$s),
                found as materialized (
                    -- one pass over the judged transfers, then one row per rule each of the few broke
                    select rule.kind, j.*
                    from (select * from judged j
                          where (j.events = 0 and j.status <> 'PENDING') or j.events > 1 or j.contradicting > 0) j
                    cross join lateral (values
                        ('MISSING_EVENT', j.events = 0 and j.status <> 'PENDING'),
                        ('DUPLICATE_EVENT', j.events > 1),
                        ('EVENT_CONTRADICTS_STATUS', j.contradicting > 0)) as rule (kind, broken)
                    where rule.broken
                    union all
                    select 'EVENT_WITHOUT_TRANSFER', e.transfer_id, null, count(*), 0
                    from %2$s e
                    where not exists (select 1 from transfers t where t.id = e.transfer_id)
                    group by e.transfer_id),
                seen as (
                    select e.transfer_id,
                           string_agg(e.event_type || ' at ' || e.kafka_partition || '@' || e.kafka_offset, ', '
                                      order by e.kafka_partition, e.kafka_offset) as seen
                    from %2$s e
                    where e.transfer_id in (select transfer_id from found)
                    group by e.transfer_id)
                select f.*, s.seen from found f left join seen s on s.transfer_id = f.transfer_id
                """
                .formatted(transfersInScope, TransferEventsReader.EVENTS_TABLE);
    }

    /**
     * Mail, when a mail server caught it: every email a decided transfer in scope calls for (the notifier's rules: a
     * completed transfer, one to each party; a top-up or a refusal, one to the user who asked; none to a system
     * account) arrives, waiting up to the settle timeout for the notifier; and no (event, recipient) pair is there
     * twice.
     */
    private void checkSentEmails(Connection connection, CheckScope scope, CheckRequest request, Findings findings)
            throws SQLException {
        var captured = request.sentEmails().get();
        if (request.everyEmailExpected()) {
            var missing = expectedEmails(connection, scope);
            var deadline = System.nanoTime() + request.settleTimeout().toNanos();
            while (true) {
                var arrived = Set.copyOf(captured);
                missing.keySet().removeIf(arrived::contains);
                if (missing.isEmpty() || System.nanoTime() >= deadline) {
                    break;
                }
                log.info("waiting for {} emails the notifier has not sent yet", missing.size());
                pause();
                captured = request.sentEmails().get();
            }
            missing.forEach((email, transfer) -> findings.add(new Violation(
                    Violation.Kind.MISSING_EMAIL,
                    "the email for event %s (%s) never reached %s"
                            .formatted(email.eventId(), transfer, email.recipient()))));
        }
        captured.stream()
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()))
                .forEach((email, times) -> {
                    if (times > 1) {
                        findings.add(new Violation(
                                Violation.Kind.DUPLICATE_EMAIL,
                                "the email for event %s reached %s %d times"
                                        .formatted(email.eventId(), email.recipient(), times)));
                    }
                });
    }

    /** Each email the decided transfers in scope call for, with the transfer it is about. */
    private static Map<SentEmail, String> expectedEmails(Connection connection, CheckScope scope) throws SQLException {
        var sql =
                """
                select e.event_id, u.email, t.id, t.status
                from %s e
                join transfers t on t.id = e.transfer_id
                cross join lateral (values (t.sender_id), (t.receiver_id)) as party (id)
                join users u on u.id = party.id
                where e.event_id is not null and t.status <> 'PENDING' and %s
                  and ((t.status = 'COMPLETED' and t.kind = 'TRANSFER')
                       or party.id = case t.kind when 'TOP_UP' then t.receiver_id else t.sender_id end)"""
                        .formatted(TransferEventsReader.EVENTS_TABLE, scope.transfersOf("t"));
        var expected = new HashMap<SentEmail, String>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                expected.put(
                        new SentEmail(rows.getObject(1, UUID.class), rows.getString(2)),
                        "transfer " + rows.getObject(3) + ", " + rows.getString(4));
            }
        }
        return expected;
    }

    /**
     * Runs a query whose rows are violations, each with a {@code kind} column naming a {@link
     * Violation.Kind}, and lists the first few of each kind while counting them all.
     */
    private static void collect(Connection connection, Findings findings, String sql, RowDescription description)
            throws SQLException {
        var ranked = "select * from (select v.*, row_number() over (partition by v.kind) as listed_rank,"
                + " count(*) over (partition by v.kind) as kind_total from (" + sql + ") v) ranked"
                + " where listed_rank <= " + findings.listedPerKind();
        try (var statement = connection.createStatement();
                var row = statement.executeQuery(ranked)) {
            while (row.next()) {
                var kind = Violation.Kind.valueOf(row.getString("kind"));
                findings.addCounted(new Violation(kind, description.describe(row)), row.getLong("kind_total"));
            }
        }
    }

    private static String describeTransfer(ResultSet row) throws SQLException {
        return "%s %s %d -> %d of %s"
                .formatted(
                        row.getString("transfer_kind"),
                        row.getObject("transfer_id"),
                        row.getLong("sender_id"),
                        row.getLong("receiver_id"),
                        Money.ofMinor(row.getLong("amount_minor")));
    }

    private static long logStep(String checked, long startedAt) {
        var now = System.nanoTime();
        log.info("checked {} in {} ms", checked, (now - startedAt) / 1_000_000);
        return now;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Polling is the only way to watch another system settle; the interval keeps it cheap. */
    private static void pause() {
        try {
            Thread.sleep(SETTLE_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the wallet to settle", e);
        }
    }

    @FunctionalInterface
    private interface RowDescription {
        String describe(ResultSet row) throws SQLException;
    }
}
