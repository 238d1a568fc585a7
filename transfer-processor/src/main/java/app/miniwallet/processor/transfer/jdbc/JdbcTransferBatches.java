package app.miniwallet.processor.transfer.jdbc;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.account.AccountKind;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.transfer.AccountBalance;
import app.miniwallet.processor.transfer.AppliedBatch;
import app.miniwallet.processor.transfer.LedgerEntry;
import app.miniwallet.processor.transfer.RecordPosition;
import app.miniwallet.processor.transfer.RequestedTransfer;
import app.miniwallet.processor.transfer.StoredTransfer;
import app.miniwallet.processor.transfer.TransferBatch;
import app.miniwallet.processor.transfer.TransferBatches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One database transaction per batch: locking reads, the batch applied in memory, then three
 * writes of one statement each. Locks are taken in one fixed order (the batch's transfers by id, then the apply
 * turn, then its accounts by id, each in a single statement), so processor instances never deadlock on each other.
 */
class JdbcTransferBatches implements TransferBatches {

    private static final String LOCK_TRANSFERS =
            """
            select id, kind, sender_id, receiver_id, amount_minor, fee_minor, status, reason,
                   applied_partition, applied_offset, sender_balance_after, receiver_balance_after,
                   created_at, completed_at
              from transfers
             where id = any(?::uuid[])
             order by id
               for no key update
            """;

    /**
     * "wallappl": the transaction-scoped advisory lock a batch holds from before it locks its accounts until it
     * commits. Batches apply one at a time anyway — every batch with a transfer locks the fee account, and two
     * batches of uniform traffic share hundreds of accounts — so they queue here, in arrival order, instead of in a
     * convoy of row locks: there a waiting batch holds the accounts below the row it waits for, a third batch waits
     * behind it, and each woken row lock is fetched again (PostgreSQL's "Lock:tuple" waits). The row locks stay:
     * they are what keeps balances right against any other writer; the turn only orders the waiting.
     */
    static final long APPLY_TURN = 0x77616c6c6170706cL;

    static final String TAKE_APPLY_TURN = "select pg_advisory_xact_lock(?)";

    // NO KEY UPDATE, the lock the balance UPDATE takes anyway: it does not conflict with the KEY SHARE
    // locks the api's foreign keys take when it inserts a transfer, so submitting never waits on (or
    // deadlocks with) a batch that holds the same accounts
    static final String LOCK_ACCOUNTS =
            "select id, kind, balance_minor from accounts where id = any(?) order by id for no key update";

    // Each write is one statement over arrays, whatever the batch size: PostgreSQL plans and runs it
    // once instead of once per row. The status condition is the last line of defence: a row someone
    // else decided is not overwritten (the update count then falls short and the batch rolls back).
    private static final String DECIDE_TRANSFERS =
            """
            update transfers t
               set status = d.status, reason = d.reason, applied_partition = d.applied_partition,
                   applied_offset = d.applied_offset, sender_balance_after = d.sender_balance_after,
                   receiver_balance_after = d.receiver_balance_after, completed_at = ?
              from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::integer[], ?::bigint[], ?::bigint[], ?::bigint[])
                   as d(id, status, reason, applied_partition, applied_offset, sender_balance_after,
                        receiver_balance_after)
             where t.id = d.id and t.status = 'PENDING'
            """;

    private static final String UPDATE_BALANCES =
            """
            update accounts a
               set balance_minor = b.balance_minor, version = a.version + 1, updated_at = now()
              from unnest(?::bigint[], ?::bigint[]) as b(id, balance_minor)
             where a.id = b.id
            """;

    // ordinality keeps the identity ids in posting order: one account's entries sort by id as they were posted
    private static final String INSERT_LEDGER_ENTRIES =
            """
            insert into ledger_entries (transfer_id, account_id, amount_minor, balance_after, created_at)
            select e.transfer_id, e.account_id, e.amount_minor, e.balance_after, ?
              from unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[])
                   with ordinality as e(transfer_id, account_id, amount_minor, balance_after, posted)
             order by e.posted
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    JdbcTransferBatches(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public AppliedBatch apply(List<RequestedTransfer> requests, Instant decidedAt) {
        if (requests.isEmpty()) {
            return AppliedBatch.NOTHING;
        }
        return Objects.requireNonNull(transaction.execute(status -> applyLocked(requests, decidedAt)));
    }

    private AppliedBatch applyLocked(List<RequestedTransfer> requests, Instant decidedAt) {
        var transfers = lockTransfers(requests);
        var accounts = lockAccounts(TransferBatch.accountsToLock(transfers.values()));
        var applied = TransferBatch.apply(requests, transfers, accounts, decidedAt);
        var at = OffsetDateTime.ofInstant(decidedAt, ZoneOffset.UTC);
        writeDecisions(applied.decided(), at);
        writeBalances(applied.changedAccounts());
        writeLedger(applied.ledgerEntries(), at);
        return applied;
    }

    private Map<TransferId, StoredTransfer> lockTransfers(List<RequestedTransfer> requests) {
        var ids = requests.stream()
                .map(request -> request.transferId().value())
                .distinct()
                .toArray(UUID[]::new);
        var transfers = new HashMap<TransferId, StoredTransfer>();
        jdbc.sql(LOCK_TRANSFERS).param(ids).query((ResultSet row) -> {
            var transfer = transferFrom(row);
            transfers.put(transfer.id(), transfer);
        });
        return transfers;
    }

    private Map<AccountId, AccountBalance> lockAccounts(Collection<AccountId> ids) {
        var accounts = new HashMap<AccountId, AccountBalance>();
        if (ids.isEmpty()) {
            return accounts;
        }
        jdbc.sql(TAKE_APPLY_TURN).param(APPLY_TURN).query().listOfRows();
        var values = ids.stream().map(AccountId::value).toArray(Long[]::new);
        jdbc.sql(LOCK_ACCOUNTS).param(values).query((ResultSet row) -> {
            var account = new AccountBalance(
                    AccountId.of(row.getLong("id")),
                    AccountKind.valueOf(row.getString("kind")),
                    row.getLong("balance_minor"));
            accounts.put(account.id(), account);
        });
        return accounts;
    }

    private void writeDecisions(List<StoredTransfer> decided, OffsetDateTime at) {
        if (decided.isEmpty()) {
            return;
        }
        int size = decided.size();
        var ids = new UUID[size];
        var statuses = new String[size];
        var reasons = new String[size];
        var partitions = new Integer[size];
        var offsets = new Long[size];
        var sendersAfter = new Long[size];
        var receiversAfter = new Long[size];
        for (int i = 0; i < size; i++) {
            var transfer = decided.get(i);
            var position = Objects.requireNonNull(transfer.decidedBy());
            ids[i] = transfer.id().value();
            statuses[i] = transfer.status().name();
            reasons[i] = transfer.reason() == null ? null : transfer.reason().name();
            partitions[i] = position.partition();
            offsets[i] = position.offset();
            sendersAfter[i] = transfer.senderBalanceAfter();
            receiversAfter[i] = transfer.receiverBalanceAfter();
        }
        var updated = jdbc.sql(DECIDE_TRANSFERS)
                .params(at, ids, statuses, reasons, partitions, offsets, sendersAfter, receiversAfter)
                .update();
        if (updated != size) {
            // the rows were locked and PENDING a moment ago; rolling back keeps the batch all-or-nothing
            throw new IllegalStateException("only " + updated + " of the " + size
                    + " transfers decided were still PENDING when written; rolling the batch back");
        }
    }

    private void writeBalances(List<AccountBalance> changed) {
        if (changed.isEmpty()) {
            return;
        }
        var ids = new Long[changed.size()];
        var balances = new Long[changed.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = changed.get(i).id().value();
            balances[i] = changed.get(i).balanceMinor();
        }
        var updated = jdbc.sql(UPDATE_BALANCES).params(ids, balances).update();
        if (updated != ids.length) {
            throw new IllegalStateException(
                    "only " + updated + " of " + ids.length + " locked accounts were found to update");
        }
    }

    private void writeLedger(List<LedgerEntry> entries, OffsetDateTime at) {
        if (entries.isEmpty()) {
            return;
        }
        int size = entries.size();
        var transferIds = new UUID[size];
        var accountIds = new Long[size];
        var amounts = new Long[size];
        var balancesAfter = new Long[size];
        for (int i = 0; i < size; i++) {
            var entry = entries.get(i);
            transferIds[i] = entry.transferId().value();
            accountIds[i] = entry.accountId().value();
            amounts[i] = entry.amountMinor();
            balancesAfter[i] = entry.balanceAfterMinor();
        }
        jdbc.sql(INSERT_LEDGER_ENTRIES)
                .params(at, transferIds, accountIds, amounts, balancesAfter)
                .update();
    }

    private static StoredTransfer transferFrom(ResultSet row) throws SQLException {
        var status = TransferStatus.valueOf(row.getString("status"));
        var reason = row.getString("reason");
        var partition = row.getObject("applied_partition", Integer.class);
        var offset = row.getObject("applied_offset", Long.class);
        return new StoredTransfer(
                TransferId.of(row.getObject("id", UUID.class)),
                TransferKind.valueOf(row.getString("kind")),
                AccountId.of(row.getLong("sender_id")),
                AccountId.of(row.getLong("receiver_id")),
                row.getLong("amount_minor"),
                row.getLong("fee_minor"),
                status,
                reason == null ? null : RejectionReason.valueOf(reason),
                partition == null || offset == null ? null : new RecordPosition(partition, offset),
                row.getObject("sender_balance_after", Long.class),
                row.getObject("receiver_balance_after", Long.class),
                instant(row, "created_at"),
                nullableInstant(row, "completed_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return Objects.requireNonNull(nullableInstant(row, column), column);
    }

    private static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
        var value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
