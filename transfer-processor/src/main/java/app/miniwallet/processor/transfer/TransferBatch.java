package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.account.AccountKind;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies one batch of transfer requests, in record order, to transfers and balances that the caller
 * has locked. Pure: no I/O, so every rule of exactly-once application is decided here.
 *
 * <p>Per request: a PENDING transfer is decided (COMPLETED if the sender can pay amount + fee, else
 * REJECTED for INSUFFICIENT_FUNDS); a transfer decided earlier in this batch is skipped; a transfer
 * decided before by this very record is a redelivery after a failed Kafka commit, so its stored
 * result is emitted again; a transfer decided by another record is a duplicate and is skipped.
 */
public final class TransferBatch {

    private final Map<TransferId, StoredTransfer> transfers;
    private final Map<AccountId, AccountKind> kinds = new HashMap<>();
    private final Map<AccountId, Long> balances = new HashMap<>();
    private final Instant decidedAt;

    private final Set<TransferId> decidedHere = new HashSet<>();
    private final List<StoredTransfer> decided = new ArrayList<>();
    private final TreeMap<AccountId, Long> changed = new TreeMap<>();
    private final List<LedgerEntry> ledgerEntries = new ArrayList<>();
    private final List<TransferEvent> events = new ArrayList<>();
    private final List<RequestedTransfer> unknown = new ArrayList<>();
    private int duplicatesSkipped;

    private TransferBatch(
            Map<TransferId, StoredTransfer> transfers, Map<AccountId, AccountBalance> accounts, Instant decidedAt) {
        this.transfers = transfers;
        this.decidedAt = decidedAt;
        accounts.values().forEach(account -> {
            kinds.put(account.id(), account.kind());
            balances.put(account.id(), account.balanceMinor());
        });
    }

    /**
     * The accounts a batch may change, to be locked in id order: both parties of every PENDING
     * transfer, and the fee account when a fee is due. Decided transfers move nothing.
     */
    public static SortedSet<AccountId> accountsToLock(Collection<StoredTransfer> transfers) {
        var accounts = new TreeSet<AccountId>();
        for (var transfer : transfers) {
            if (transfer.isPending()) {
                accounts.add(transfer.senderId());
                accounts.add(transfer.receiverId());
                if (transfer.feeMinor() > 0) {
                    accounts.add(AccountId.FEE);
                }
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
        } else if (decidedHere.contains(transfer.id())) {
            duplicatesSkipped++;
        } else if (transfer.isPending()) {
            var decision = decide(transfer, request.position());
            transfers.put(decision.id(), decision);
            decidedHere.add(decision.id());
            decided.add(decision);
            events.add(decision.resultEvent());
        } else if (transfer.wasDecidedBy(request.position())) {
            events.add(transfer.resultEvent());
        } else {
            duplicatesSkipped++;
        }
    }

    private StoredTransfer decide(StoredTransfer transfer, RecordPosition position) {
        var sender = transfer.senderId();
        var senderBalance = balanceOf(sender, transfer);
        // the cash-in account is where top-ups come from: it goes negative by design
        var mayOverdraw = kindOf(sender, transfer) == AccountKind.CASH_IN;
        if (!mayOverdraw && senderBalance < transfer.debitMinor()) {
            return transfer.rejected(position, decidedAt, RejectionReason.INSUFFICIENT_FUNDS, senderBalance);
        }
        post(transfer, sender, -transfer.debitMinor());
        post(transfer, transfer.receiverId(), transfer.amountMinor());
        if (transfer.feeMinor() > 0) {
            post(transfer, AccountId.FEE, transfer.feeMinor());
        }
        return transfer.completed(
                position, decidedAt, balanceOf(sender, transfer), balanceOf(transfer.receiverId(), transfer));
    }

    private void post(StoredTransfer transfer, AccountId account, long amountMinor) {
        var after = Math.addExact(balanceOf(account, transfer), amountMinor);
        balances.put(account, after);
        changed.put(account, after);
        ledgerEntries.add(new LedgerEntry(transfer.id(), account, amountMinor, after));
    }

    private long balanceOf(AccountId account, StoredTransfer transfer) {
        var balance = balances.get(account);
        if (balance == null) {
            throw new IllegalStateException("account " + account + " of transfer " + transfer.id() + " was not locked");
        }
        return balance;
    }

    private AccountKind kindOf(AccountId account, StoredTransfer transfer) {
        var kind = kinds.get(account);
        if (kind == null) {
            throw new IllegalStateException("account " + account + " of transfer " + transfer.id() + " was not locked");
        }
        return kind;
    }

    private AppliedBatch result() {
        var changedAccounts = new ArrayList<AccountBalance>(changed.size());
        changed.forEach((id, balance) -> changedAccounts.add(new AccountBalance(id, kinds.get(id), balance)));
        return new AppliedBatch(decided, changedAccounts, ledgerEntries, events, unknown, duplicatesSkipped);
    }
}
