package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.account.AccountKind;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one batch of transfer requests, in record order, to transfers and balances that the caller
 * has locked. Pure: no I/O, so every rule of exactly-once application is decided here.
 *
 * <p>Per request: a PENDING transfer is decided (COMPLETED if the sender can pay amount + fee, else
 * REJECTED for INSUFFICIENT_FUNDS; REJECTED for the reason it already carries, which only a top-up whose payment was
 * declined has); a transfer decided earlier in this batch is skipped; a transfer
 * decided before by this very record is a redelivery after a failed Kafka commit, so its stored
 * result is emitted again, unless Kafka says that commit went through after all (the listener asks); a
 * transfer decided by another record is a duplicate and is skipped.
 */
public final class TransferBatch {

    private final Map<TransferId, StoredTransfer> transfers;
    private final Map<AccountId, RunningBalance> balances;
    private final Instant decidedAt;

    private final List<StoredTransfer> decided = new ArrayList<>();
    private final List<LedgerEntry> ledgerEntries = new ArrayList<>();
    private final List<StoredTransfer> results = new ArrayList<>();
    private final List<StoredTransfer> redelivered = new ArrayList<>();
    private final List<RequestedTransfer> unknown = new ArrayList<>();
    private int duplicatesSkipped;

    /** A locked account's balance as the batch moves it: one map lookup per leg, no boxing. */
    private static final class RunningBalance {
        private final AccountKind kind;
        private long minor;
        private boolean changed;

        private RunningBalance(AccountKind kind, long minor) {
            this.kind = kind;
            this.minor = minor;
        }
    }

    private TransferBatch(
            Map<TransferId, StoredTransfer> transfers, Map<AccountId, AccountBalance> accounts, Instant decidedAt) {
        this.transfers = transfers;
        this.decidedAt = decidedAt;
        this.balances = new HashMap<>(accounts.size() * 2);
        accounts.values()
                .forEach(account ->
                        balances.put(account.id(), new RunningBalance(account.kind(), account.balanceMinor())));
    }

    /**
     * The accounts a batch may change, to be locked, by id: both parties of every PENDING transfer, and the fee
     * account when a fee is due. Decided transfers move nothing.
     */
    public static List<AccountId> accountsToLock(Collection<StoredTransfer> transfers) {
        var ids = new long[transfers.size() * 2 + 1];
        int count = 0;
        boolean feeDue = false;
        for (var transfer : transfers) {
            if (transfer.isPending()) {
                ids[count++] = transfer.senderId().value();
                ids[count++] = transfer.receiverId().value();
                feeDue |= transfer.feeMinor() > 0;
            }
        }
        if (feeDue) {
            ids[count++] = AccountId.FEE.value();
        }
        Arrays.sort(ids, 0, count);
        var accounts = new ArrayList<AccountId>(count);
        for (int i = 0; i < count; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                accounts.add(AccountId.of(ids[i]));
            }
        }
        return accounts;
    }

    /**
     * @param transfers the batch's transfers rows, locked
     * @param accounts at least {@link #accountsToLock} of those transfers, locked
     * @param decidedAt the completion time of every transfer decided here
     */
    public static AppliedBatch apply(
            List<RequestedTransfer> requests,
            Map<TransferId, StoredTransfer> transfers,
            Map<AccountId, AccountBalance> accounts,
            Instant decidedAt) {
        var batch = new TransferBatch(new HashMap<>(transfers), accounts, decidedAt);
        requests.forEach(batch::apply);
        return batch.result();
    }

    private void apply(RequestedTransfer request) {
        var transfer = transfers.get(request.transferId());
        if (transfer == null) {
            unknown.add(request);
        } else if (transfer.isPending()) {
            // replaced by its decision, so a second request for it in this batch is a duplicate below
            var decision = decide(transfer, request.position());
            transfers.put(decision.id(), decision);
            decided.add(decision);
            results.add(decision);
        } else if (transfer.wasDecidedBy(request.position())) {
            results.add(transfer);
            redelivered.add(transfer);
        } else {
            duplicatesSkipped++;
        }
    }

    private StoredTransfer decide(StoredTransfer transfer, RecordPosition position) {
        var sender = balanceOf(transfer.senderId(), transfer);
        if (transfer.reason() != null) {
            // refused before it reached the ledger (the payment provider declined the top-up): recorded as such
            return transfer.rejected(position, decidedAt, transfer.reason(), sender.minor);
        }
        // the cash-in account is where top-ups come from: it goes negative by design
        var mayOverdraw = sender.kind == AccountKind.CASH_IN;
        if (!mayOverdraw && sender.minor < transfer.debitMinor()) {
            return transfer.rejected(position, decidedAt, RejectionReason.INSUFFICIENT_FUNDS, sender.minor);
        }
        var receiver = balanceOf(transfer.receiverId(), transfer);
        post(transfer, transfer.senderId(), sender, -transfer.debitMinor());
        post(transfer, transfer.receiverId(), receiver, transfer.amountMinor());
        if (transfer.feeMinor() > 0) {
            post(transfer, AccountId.FEE, balanceOf(AccountId.FEE, transfer), transfer.feeMinor());
        }
        return transfer.completed(position, decidedAt, sender.minor, receiver.minor);
    }

    private void post(StoredTransfer transfer, AccountId id, RunningBalance account, long amountMinor) {
        account.minor = Math.addExact(account.minor, amountMinor);
        account.changed = true;
        ledgerEntries.add(new LedgerEntry(transfer.id(), id, amountMinor, account.minor));
    }

    private RunningBalance balanceOf(AccountId account, StoredTransfer transfer) {
        var balance = balances.get(account);
        if (balance == null) {
            throw new IllegalStateException("account " + account + " of transfer " + transfer.id() + " was not locked");
        }
        return balance;
    }

    private AppliedBatch result() {
        var changedAccounts = new ArrayList<AccountBalance>();
        balances.forEach((id, balance) -> {
            if (balance.changed) {
                changedAccounts.add(new AccountBalance(id, balance.kind, balance.minor));
            }
        });
        changedAccounts.sort(Comparator.comparing(AccountBalance::id));
        return new AppliedBatch(
                decided, changedAccounts, ledgerEntries, results, redelivered, unknown, duplicatesSkipped);
    }
}
