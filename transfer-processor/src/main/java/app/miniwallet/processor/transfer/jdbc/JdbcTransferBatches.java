package app.miniwallet.processor.transfer.jdbc;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.account.AccountKind;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.transfer.AccountBalance;
import app.miniwallet.processor.transfer.AppliedBatch;
import app.miniwallet.processor.transfer.RecordPosition;
import app.miniwallet.processor.transfer.RequestedTransfer;
import app.miniwallet.processor.transfer.StoredTransfer;
import app.miniwallet.processor.transfer.TransferBatch;
import app.miniwallet.processor.transfer.TransferBatches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One database transaction per batch: two locking reads, the batch applied in memory, then three
 * batched writes. Locks are taken in one fixed order (the batch's transfers by id, then its accounts
 * by id, each in a single statement), so processor instances never deadlock on each other.
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

    // NO KEY UPDATE, the lock the balance UPDATE takes anyway: it does not conflict with the KEY SHARE
    // locks the api's foreign keys take when it inserts a transfer, so submitting never waits on (or
    // deadlocks with) a batch that holds the same accounts
    static final String LOCK_ACCOUNTS =
            "select id, kind, balance_minor from accounts where id = any(?) order by id for no key update";

    // the status condition is the last line of defence: a row someone else decided is not overwritten
    private static final String DECIDE_TRANSFER =
            """
            update transfers
               set status = ?, reason = ?, applied_partition = ?, applied_offset = ?,
                   sender_balance_after = ?, receiver_balance_after = ?, completed_at = ?
             where id = ? and status = 'PENDING'
            """;

    private static final int[] DECIDE_TRANSFER_TYPES = {
        Types.VARCHAR,
        Types.VARCHAR,
        Types.INTEGER,
        Types.BIGINT,
        Types.BIGINT,
        Types.BIGINT,
        Types.TIMESTAMP_WITH_TIMEZONE,
        Types.OTHER
    };

    private static final String UPDATE_BALANCE =
            "update accounts set balance_minor = ?, version = version + 1, updated_at = now() where id = ?";

    private static final int[] UPDATE_BALANCE_TYPES = {Types.BIGINT, Types.BIGINT};

    private static final String INSERT_LEDGER_ENTRY =
            """
            insert into ledger_entries (transfer_id, account_id, amount_minor, balance_after, created_at)
            values (?, ?, ?, ?, ?)
            """;

    private static final int[] INSERT_LEDGER_ENTRY_TYPES = {
        Types.OTHER, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transaction;

    JdbcTransferBatches(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.batches = batches;
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
        writeDecisions(applied.decided());
        writeBalances(applied.changedAccounts());
        writeLedger(applied, at);
        return applied;
    }

    private Map<TransferId, StoredTransfer> lockTransfers(List<RequestedTransfer> requests) {
        var ids = requests.stream()
                .map(request -> request.transferId().toString())
                .distinct()
                .toArray(String[]::new);
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

    private void writeDecisions(List<StoredTransfer> decided) {
        if (decided.isEmpty()) {
            return;
        }
        var rows = decided.stream()
                .map(transfer -> new Object[] {
                    transfer.status().name(),
                    transfer.reason() == null ? null : transfer.reason().name(),
                    Objects.requireNonNull(transfer.decidedBy()).partition(),
                    transfer.decidedBy().offset(),
                    transfer.senderBalanceAfter(),
                    transfer.receiverBalanceAfter(),
                    OffsetDateTime.ofInstant(Objects.requireNonNull(transfer.completedAt()), ZoneOffset.UTC),
                    transfer.id().value()
                })
                .toList();
        var counts = batches.batchUpdate(DECIDE_TRANSFER, rows, DECIDE_TRANSFER_TYPES);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) {
                // the row was locked and PENDING a moment ago; rolling back keeps the batch all-or-nothing
                throw new IllegalStateException("transfer " + decided.get(i).id()
                        + " was no longer PENDING when its decision was written; rolling the batch back");
            }
        }
    }

    private void writeBalances(List<AccountBalance> changed) {
        if (changed.isEmpty()) {
            return;
        }
        var rows = changed.stream()
                .map(account ->
                        new Object[] {account.balanceMinor(), account.id().value()})
                .toList();
        var counts = batches.batchUpdate(UPDATE_BALANCE, rows, UPDATE_BALANCE_TYPES);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) {
                throw new IllegalStateException("account " + changed.get(i).id() + " vanished while locked");
            }
        }
    }

    private void writeLedger(AppliedBatch applied, OffsetDateTime at) {
        if (applied.ledgerEntries().isEmpty()) {
            return;
        }
        // one multi-row insert per few hundred entries, thanks to reWriteBatchedInserts
        var rows = applied.ledgerEntries().stream()
                .map(entry -> new Object[] {
                    entry.transferId().value(),
                    entry.accountId().value(),
                    entry.amountMinor(),
                    entry.balanceAfterMinor(),
                    at
                })
                .toList();
        batches.batchUpdate(INSERT_LEDGER_ENTRY, rows, INSERT_LEDGER_ENTRY_TYPES);
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
