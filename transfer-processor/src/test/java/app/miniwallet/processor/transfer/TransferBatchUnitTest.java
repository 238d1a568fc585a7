package app.miniwallet.processor.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.account.AccountKind;
import app.miniwallet.contracts.money.FeeRule;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferBatchUnitTest {

    private static final AccountId ALICE = AccountId.of(1001);
    private static final AccountId BOB = AccountId.of(1002);
    private static final AccountId CAROL = AccountId.of(1003);
    private static final Instant REQUESTED_AT = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant DECIDED_AT = Instant.parse("2026-11-21T10:00:01.123456Z");

    private final Map<TransferId, StoredTransfer> transfers = new HashMap<>();
    private final Map<AccountId, AccountBalance> accounts = new HashMap<>();
    private final List<RequestedTransfer> requests = new ArrayList<>();
    private long nextOffset = 100;

    TransferBatchUnitTest() {
        account(AccountId.FEE, AccountKind.FEE, "0.00");
        account(AccountId.CASH_IN, AccountKind.CASH_IN, "-5000.00");
    }

    @Test
    void completesATransferTheSenderCanPayAndCreditsTheFee() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "5.00");
        var transfer = pendingTransfer(ALICE, BOB, "10.00");
        var position = request(transfer);

        var applied = apply();

        assertThat(applied.decided()).singleElement().satisfies(decided -> {
            assertThat(decided.status()).isEqualTo(TransferStatus.COMPLETED);
            assertThat(decided.decidedBy()).isEqualTo(position);
            assertThat(decided.completedAt()).isEqualTo(DECIDED_AT);
        });
        assertThat(balancesAfter(applied))
                .containsExactly(
                        Map.entry(AccountId.FEE, minor("0.15")),
                        Map.entry(ALICE, minor("89.85")),
                        Map.entry(BOB, minor("15.00")));
        assertThat(applied.ledgerEntries())
                .containsExactly(
                        new LedgerEntry(transfer.id(), ALICE, -minor("10.15"), minor("89.85")),
                        new LedgerEntry(transfer.id(), BOB, minor("10.00"), minor("15.00")),
                        new LedgerEntry(transfer.id(), AccountId.FEE, minor("0.15"), minor("0.15")));
        assertThat(applied.events())
                .containsExactly(new TransferCompleted(
                        TransferEvent.eventIdFor(transfer.id()),
                        TransferEvent.SCHEMA_VERSION,
                        DECIDED_AT,
                        transfer.id(),
                        TransferKind.TRANSFER,
                        ALICE,
                        BOB,
                        minor("10.00"),
                        minor("0.15"),
                        minor("89.85"),
                        minor("15.00"),
                        REQUESTED_AT));
    }

    @Test
    void completesATransferThatTakesTheWholeBalance() {
        account(ALICE, AccountKind.USER, "10.15");
        account(BOB, AccountKind.USER, "0.00");
        request(pendingTransfer(ALICE, BOB, "10.00"));

        var applied = apply();

        assertThat(applied.decided()).extracting(StoredTransfer::status).containsExactly(TransferStatus.COMPLETED);
        assertThat(balancesAfter(applied)).containsEntry(ALICE, 0L);
    }

    @Test
    void rejectsATransferWhoseFeeTheSenderCannotPayAndMovesNothing() {
        account(ALICE, AccountKind.USER, "10.00");
        account(BOB, AccountKind.USER, "0.00");
        var transfer = pendingTransfer(ALICE, BOB, "10.00");
        request(transfer);

        var applied = apply();

        assertThat(applied.decided()).singleElement().satisfies(decided -> {
            assertThat(decided.status()).isEqualTo(TransferStatus.REJECTED);
            assertThat(decided.reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
            assertThat(decided.senderBalanceAfter()).isEqualTo(minor("10.00"));
            assertThat(decided.receiverBalanceAfter()).isNull();
        });
        assertThat(applied.changedAccounts()).isEmpty();
        assertThat(applied.ledgerEntries()).isEmpty();
        assertThat(applied.events()).singleElement().isInstanceOfSatisfying(TransferRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.INSUFFICIENT_FUNDS);
            assertThat(rejected.senderBalanceMinor()).isEqualTo(minor("10.00"));
        });
    }

    @Test
    void appliesATopUpFromCashInWithoutAFeeEvenBelowZero() {
        account(BOB, AccountKind.USER, "0.00");
        var topUp = pendingTopUp(BOB, "250.00");
        request(topUp);

        var applied = apply();

        assertThat(applied.decided()).extracting(StoredTransfer::status).containsExactly(TransferStatus.COMPLETED);
        assertThat(balancesAfter(applied))
                .containsExactly(Map.entry(AccountId.CASH_IN, -minor("5250.00")), Map.entry(BOB, minor("250.00")));
        assertThat(applied.ledgerEntries()).extracting(LedgerEntry::accountId).containsExactly(AccountId.CASH_IN, BOB);
        assertThat(applied.events()).singleElement().satisfies(event -> assertThat(event.eventKey())
                .isEqualTo(BOB.toString()));
    }

    @Test
    void rejectsATopUpWhosePaymentWasDeclinedAndMovesNothing() {
        account(BOB, AccountKind.USER, "0.00");
        var topUp = pendingTopUp(BOB, "250.00");
        var declined = new StoredTransfer(
                topUp.id(),
                topUp.kind(),
                topUp.senderId(),
                topUp.receiverId(),
                topUp.amountMinor(),
                topUp.feeMinor(),
                TransferStatus.PENDING,
                RejectionReason.PAYMENT_DECLINED,
                null,
                null,
                null,
                REQUESTED_AT,
                null);
        transfers.put(declined.id(), declined);
        request(declined);

        var applied = apply();

        assertThat(applied.decided()).singleElement().satisfies(decided -> {
            assertThat(decided.status()).isEqualTo(TransferStatus.REJECTED);
            assertThat(decided.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
        });
        assertThat(applied.changedAccounts()).isEmpty();
        assertThat(applied.ledgerEntries()).isEmpty();
        assertThat(applied.events()).singleElement().isInstanceOfSatisfying(TransferRejected.class, event -> {
            assertThat(event.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
            assertThat(event.eventKey()).isEqualTo(BOB.toString());
        });
    }

    @Test
    void decidesInRecordOrderSoOnlyTheFirstTransfersTheBalanceCoversComplete() {
        account(ALICE, AccountKind.USER, "315.00");
        account(BOB, AccountKind.USER, "0.00");
        for (int i = 0; i < 8; i++) {
            request(pendingTransfer(ALICE, BOB, "100.00"));
        }

        var applied = apply();

        assertThat(applied.decided())
                .extracting(StoredTransfer::status)
                .containsExactly(
                        TransferStatus.COMPLETED,
                        TransferStatus.COMPLETED,
                        TransferStatus.COMPLETED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED,
                        TransferStatus.REJECTED);
        assertThat(balancesAfter(applied)).containsEntry(ALICE, minor("10.50"));
        assertThat(applied.decided().get(3).senderBalanceAfter()).isEqualTo(minor("10.50"));
    }

    @Test
    void runsEachAccountsBalanceAfterThroughTheBatchInRecordOrder() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "0.00");
        var first = pendingTransfer(ALICE, BOB, "10.00");
        var second = pendingTransfer(ALICE, BOB, "20.00");
        request(first);
        request(second);

        var applied = apply();

        assertThat(applied.ledgerEntries())
                .filteredOn(entry -> entry.accountId().equals(ALICE))
                .extracting(LedgerEntry::balanceAfterMinor)
                .containsExactly(minor("89.85"), minor("69.55"));
        assertThat(applied.ledgerEntries())
                .filteredOn(entry -> entry.accountId().equals(BOB))
                .extracting(LedgerEntry::balanceAfterMinor)
                .containsExactly(minor("10.00"), minor("30.00"));
        assertThat(applied.decided().get(1).senderBalanceAfter()).isEqualTo(minor("69.55"));
        assertThat(applied.decided().get(1).receiverBalanceAfter()).isEqualTo(minor("30.00"));
    }

    @Test
    void writesTheHotFeeAccountOnceWithTheWholeBatchsFees() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "100.00");
        account(CAROL, AccountKind.USER, "100.00");
        request(pendingTransfer(ALICE, CAROL, "10.00"));
        request(pendingTransfer(BOB, CAROL, "20.00"));
        request(pendingTransfer(CAROL, ALICE, "40.00"));

        var applied = apply();

        assertThat(applied.changedAccounts())
                .extracting(AccountBalance::id)
                .containsExactly(AccountId.FEE, ALICE, BOB, CAROL);
        assertThat(balancesAfter(applied)).containsEntry(AccountId.FEE, minor("0.15") + minor("0.30") + minor("0.60"));
        assertThat(applied.ledgerEntries())
                .filteredOn(entry -> entry.accountId().equals(AccountId.FEE))
                .extracting(LedgerEntry::balanceAfterMinor)
                .containsExactly(minor("0.15"), minor("0.45"), minor("1.05"));
    }

    @Test
    void keepsEveryTransfersLegsSummingToZero() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "100.00");
        request(pendingTransfer(ALICE, BOB, "33.33"));
        request(pendingTransfer(BOB, ALICE, "0.01"));
        request(pendingTopUp(ALICE, "12.34"));

        var applied = apply();

        var sums = new HashMap<TransferId, Long>();
        applied.ledgerEntries().forEach(entry -> sums.merge(entry.transferId(), entry.amountMinor(), Long::sum));
        assertThat(sums).hasSize(3).allSatisfy((id, sum) -> assertThat(sum).isZero());
    }

    @Test
    void appliesARequestTwiceInOneBatchOnlyOnce() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "0.00");
        var transfer = pendingTransfer(ALICE, BOB, "10.00");
        request(transfer);
        request(transfer);

        var applied = apply();

        assertThat(applied.decided()).hasSize(1);
        assertThat(applied.events()).hasSize(1);
        assertThat(applied.ledgerEntries()).hasSize(3);
        assertThat(applied.duplicatesSkipped()).isEqualTo(1);
        assertThat(balancesAfter(applied)).containsEntry(ALICE, minor("89.85"));
    }

    @Test
    void emitsTheStoredResultAgainWhenTheRecordThatDecidedItIsRedelivered() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "0.00");
        var transfer = pendingTransfer(ALICE, BOB, "10.00");
        var position = request(transfer);
        var firstAttempt = apply();
        transfers.put(transfer.id(), firstAttempt.decided().get(0));
        accounts.put(ALICE, new AccountBalance(ALICE, AccountKind.USER, minor("89.85")));

        var redelivery = apply(List.of(new RequestedTransfer(transfer.id(), position)));

        assertThat(redelivery.decided()).isEmpty();
        assertThat(redelivery.ledgerEntries()).isEmpty();
        assertThat(redelivery.changedAccounts()).isEmpty();
        assertThat(redelivery.events()).isEqualTo(firstAttempt.events());
    }

    @Test
    void skipsADecidedTransferRequestedByAnotherRecord() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "0.00");
        var transfer = pendingTransfer(ALICE, BOB, "10.00");
        request(transfer);
        transfers.put(transfer.id(), apply().decided().get(0));

        var duplicate = apply(List.of(new RequestedTransfer(transfer.id(), new RecordPosition(0, nextOffset++))));

        assertThat(duplicate.decided()).isEmpty();
        assertThat(duplicate.events()).isEmpty();
        assertThat(duplicate.ledgerEntries()).isEmpty();
        assertThat(duplicate.duplicatesSkipped()).isEqualTo(1);
    }

    @Test
    void reportsRequestsForTransfersWithoutARow() {
        var missing = new RequestedTransfer(TransferId.next(), new RecordPosition(2, 7));

        var applied = apply(List.of(missing));

        assertThat(applied.unknown()).containsExactly(missing);
        assertThat(applied.events()).isEmpty();
    }

    @Test
    void locksBothPartiesOfPendingTransfersAndTheFeeAccountOnlyWhenAFeeIsDue() {
        account(ALICE, AccountKind.USER, "100.00");
        account(BOB, AccountKind.USER, "0.00");
        var topUp = pendingTopUp(BOB, "10.00");
        assertThat(TransferBatch.accountsToLock(List.of(topUp))).containsExactly(AccountId.CASH_IN, BOB);

        var transfer = pendingTransfer(ALICE, BOB, "10.00");
        assertThat(TransferBatch.accountsToLock(List.of(topUp, transfer)))
                .containsExactly(AccountId.FEE, AccountId.CASH_IN, ALICE, BOB);

        request(transfer);
        var decided = apply().decided().get(0);
        assertThat(TransferBatch.accountsToLock(List.of(decided))).isEmpty();
    }

    private void account(AccountId id, AccountKind kind, String balance) {
        accounts.put(id, new AccountBalance(id, kind, minor(balance)));
    }

    private StoredTransfer pendingTransfer(AccountId from, AccountId to, String amount) {
        var money = Money.parse(amount);
        var transfer = StoredTransfer.pending(
                TransferId.next(),
                TransferKind.TRANSFER,
                from,
                to,
                money.minor(),
                FeeRule.STANDARD.feeFor(money).minor(),
                REQUESTED_AT);
        transfers.put(transfer.id(), transfer);
        return transfer;
    }

    private StoredTransfer pendingTopUp(AccountId to, String amount) {
        var transfer = StoredTransfer.pending(
                TransferId.next(), TransferKind.TOP_UP, AccountId.CASH_IN, to, minor(amount), 0, REQUESTED_AT);
        transfers.put(transfer.id(), transfer);
        return transfer;
    }

    private RecordPosition request(StoredTransfer transfer) {
        var position = new RecordPosition(0, nextOffset++);
        requests.add(new RequestedTransfer(transfer.id(), position));
        return position;
    }

    private AppliedBatch apply() {
        return apply(requests);
    }

    private AppliedBatch apply(List<RequestedTransfer> batch) {
        return TransferBatch.apply(batch, transfers, accounts, DECIDED_AT);
    }

    private static Map<AccountId, Long> balancesAfter(AppliedBatch applied) {
        var balances = new LinkedHashMap<AccountId, Long>();
        applied.changedAccounts().forEach(account -> balances.put(account.id(), account.balanceMinor()));
        return balances;
    }

    private static long minor(String amount) {
        return Money.parse(amount).minor();
    }
}
