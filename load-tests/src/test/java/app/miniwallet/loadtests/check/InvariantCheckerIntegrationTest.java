package app.miniwallet.loadtests.check;

import static app.miniwallet.loadtests.check.Violation.Kind.ACCEPTED_TRANSFER_MISSING;
import static app.miniwallet.loadtests.check.Violation.Kind.BALANCE_DIFFERS_FROM_LEDGER;
import static app.miniwallet.loadtests.check.Violation.Kind.COMPLETED_WITHOUT_LEDGER;
import static app.miniwallet.loadtests.check.Violation.Kind.DUPLICATE_EMAIL;
import static app.miniwallet.loadtests.check.Violation.Kind.DUPLICATE_EVENT;
import static app.miniwallet.loadtests.check.Violation.Kind.EVENT_CONTRADICTS_STATUS;
import static app.miniwallet.loadtests.check.Violation.Kind.MISSING_EMAIL;
import static app.miniwallet.loadtests.check.Violation.Kind.MISSING_EVENT;
import static app.miniwallet.loadtests.check.Violation.Kind.MONEY_CREATED_OR_LOST;
import static app.miniwallet.loadtests.check.Violation.Kind.NEGATIVE_USER_BALANCE;
import static app.miniwallet.loadtests.check.Violation.Kind.ORPHAN_LEDGER_ENTRY;
import static app.miniwallet.loadtests.check.Violation.Kind.OUT_OF_ORDER;
import static app.miniwallet.loadtests.check.Violation.Kind.PENDING_TRANSFER;
import static app.miniwallet.loadtests.check.Violation.Kind.UNBALANCED_TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each test builds its own users and breaks one guarantee on purpose; the check is scoped to those
 * users, and the money total is judged against the total before the test, because other tests share
 * the database and leave their own broken data in it.
 */
class InvariantCheckerIntegrationTest {

    private static final WalletTestStack stack = WalletTestStack.shared();

    private static WalletFixture wallet;
    private static InvariantChecker checker;

    private long totalBefore;

    @BeforeAll
    static void connect() {
        wallet = WalletFixture.on(stack);
        checker = new InvariantChecker(stack.dataSource(), stack.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        wallet.close();
    }

    @BeforeEach
    void rememberTheTotal() {
        totalBefore = checker.totalBalanceMinor();
    }

    @Test
    void findsNothingWrongWithABalancedHistory() {
        var alice = wallet.userWithBalance(100_00);
        var bob = wallet.userWithBalance(50_00);
        var carol = wallet.newUser();
        wallet.transfer(alice, bob, 10_00);
        wallet.transfer(bob, carol, 25_00);
        wallet.transfer(alice, carol, 1);
        wallet.rejectedTransfer(carol, alice, 1_000_00);

        var report = check(alice, bob, carol);

        assertThat(report.isClean()).as(report::toString).isTrue();
        assertThat(report.coverage().accounts()).isEqualTo(3);
        assertThat(report.coverage().transfers()).isEqualTo(6);
        assertThat(report.coverage().events()).isEqualTo(6);
        assertThat(report.toString()).startsWith("Invariant check: CLEAN");
    }

    @Test
    void detectsMoneyCreatedOutOfNothing() {
        var alice = wallet.userWithBalance(10_00);

        wallet.creditOutOfNothing(alice, 5_00);

        var report = check(alice);
        assertThat(report.kinds())
                .as(report::toString)
                .containsExactlyInAnyOrder(MONEY_CREATED_OR_LOST, BALANCE_DIFFERS_FROM_LEDGER);
        assertThat(report.violationsOf(MONEY_CREATED_OR_LOST).get(0).detail()).contains("5.00 was created");
    }

    @Test
    void detectsANegativeUserBalance() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();

        wallet.overdraftTransfer(alice, bob, 20_00);

        var report = check(alice, bob);
        assertThat(report.kinds()).as(report::toString).containsExactly(NEGATIVE_USER_BALANCE);
        assertThat(report.violationsOf(NEGATIVE_USER_BALANCE).get(0).detail())
                .contains("account " + alice + " (USER) has balance -10.30");
    }

    @Test
    void detectsABalanceThatDiffersFromItsLedger() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();

        wallet.moveBalanceBehindTheLedger(alice, bob, 3_00);

        var report = check(alice, bob);
        assertThat(report.kinds()).as(report::toString).containsExactly(BALANCE_DIFFERS_FROM_LEDGER);
        assertThat(report.count(BALANCE_DIFFERS_FROM_LEDGER)).isEqualTo(2);
    }

    @Test
    void detectsATransferWhoseLedgerDoesNotBalance() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var transfer = wallet.transfer(alice, bob, 1_00);

        wallet.bookReceiverCreditTwice(transfer);

        var report = check(alice, bob);
        assertThat(report.kinds())
                .as(report::toString)
                .containsExactlyInAnyOrder(UNBALANCED_TRANSFER, MONEY_CREATED_OR_LOST);
        assertThat(report.violationsOf(UNBALANCED_TRANSFER).get(0).detail())
                .contains(transfer.id().toString())
                .contains("4 ledger entries summing to 1.00");
    }

    @Test
    void detectsALedgerEntryOfATransferThatDoesNotExist() {
        var alice = wallet.userWithBalance(10_00);

        wallet.bookCreditOfNoTransfer(alice, 5_00);

        var report = check(alice);
        assertThat(report.kinds())
                .as(report::toString)
                .containsExactlyInAnyOrder(ORPHAN_LEDGER_ENTRY, MONEY_CREATED_OR_LOST);
        assertThat(report.violationsOf(ORPHAN_LEDGER_ENTRY).get(0).detail())
                .contains("of 5.00")
                .contains("account " + alice);
    }

    @Test
    void detectsACompletedTransferThatMovedNoMoney() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();

        var transfer = wallet.completedWithoutApplying(alice, bob, 1_00);

        var report = check(alice, bob);
        assertThat(report.kinds()).as(report::toString).containsExactly(COMPLETED_WITHOUT_LEDGER);
        assertThat(report.violationsOf(COMPLETED_WITHOUT_LEDGER).get(0).detail())
                .contains(transfer.id().toString());
    }

    @Test
    void detectsATransferLeftPendingAfterTheSettleTimeout() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();

        var pending = wallet.pendingTransfer(alice, bob, 1_00);

        var report = checker.check(scopedTo(alice, bob).settlingWithin(Duration.ofMillis(300)));
        assertThat(report.kinds()).as(report::toString).containsExactly(PENDING_TRANSFER);
        assertThat(report.violationsOf(PENDING_TRANSFER).get(0).detail())
                .contains(pending.id().toString())
                .contains("still PENDING after waiting PT0.3S");
    }

    @Test
    void waitsForPendingTransfersToBeDecidedAndAnnounced() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var pending = wallet.pendingTransfer(alice, bob, 1_00);

        var processing = CompletableFuture.runAsync(
                () -> wallet.announce(wallet.apply(pending)),
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
        var report = checker.check(scopedTo(alice, bob).settlingWithin(Duration.ofSeconds(20)));

        processing.join();
        assertThat(report.isClean()).as(report::toString).isTrue();
        assertThat(report.coverage().pendingTransfers()).isZero();
    }

    @Test
    void detectsADecidedTransferWithoutResultEvent() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();

        var transfer = wallet.unannouncedTransfer(alice, bob, 1_00);

        var report = check(alice, bob);
        assertThat(report.kinds()).as(report::toString).containsExactly(MISSING_EVENT);
        assertThat(report.violationsOf(MISSING_EVENT).get(0).detail())
                .isEqualTo("transfer " + transfer.id() + " (COMPLETED) has no event");
    }

    @Test
    void detectsASecondResultEventForOneTransfer() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var transfer = wallet.transfer(alice, bob, 1_00);

        wallet.announce(transfer);

        var report = check(alice, bob);
        assertThat(report.kinds()).as(report::toString).containsExactly(DUPLICATE_EVENT);
        assertThat(report.violationsOf(DUPLICATE_EVENT).get(0).detail())
                .contains(transfer.id().toString())
                .contains("has 2 event(s): TransferCompleted at");
    }

    @Test
    void detectsAResultEventThatContradictsTheTransfer() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var transfer = wallet.unannouncedTransfer(alice, bob, 1_00);

        wallet.announceRejectionOf(transfer);

        var report = check(alice, bob);
        assertThat(report.kinds()).as(report::toString).containsExactly(EVENT_CONTRADICTS_STATUS);
        assertThat(report.violationsOf(EVENT_CONTRADICTS_STATUS).get(0).detail())
                .contains(transfer.id() + " (COMPLETED) has 1 event(s): TransferRejected at");
    }

    @Test
    void detectsTransfersAppliedOutOfAcceptanceOrder() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var first = wallet.transfer(alice, bob, 1_00);
        var second = wallet.transfer(alice, bob, 2_00);

        wallet.swapApplicationOrder(first, second);

        var report = check(alice, bob);
        assertThat(report.kinds()).as(report::toString).containsExactly(OUT_OF_ORDER);
        assertThat(report.violationsOf(OUT_OF_ORDER)).singleElement().satisfies(violation -> assertThat(
                        violation.detail())
                .startsWith("requester " + alice + ": transfer " + second.id())
                .contains("before transfer " + first.id()));
    }

    @Test
    void restrictsTheCheckToTheAcceptedTransfersItIsGiven() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var decided = wallet.transfer(alice, bob, 1_00);
        var pending = wallet.pendingTransfer(alice, bob, 1_00);
        var lost = TransferId.next();

        var decidedOnly = checker.check(scopedTo(alice, bob).forTransfers(List.of(decided.id())));
        var all = checker.check(scopedTo(alice, bob).forTransfers(List.of(decided.id(), pending.id(), lost)));

        assertThat(decidedOnly.isClean()).as(decidedOnly::toString).isTrue();
        assertThat(decidedOnly.coverage().transfers()).isEqualTo(1);
        assertThat(all.kinds())
                .as(all::toString)
                .containsExactlyInAnyOrder(PENDING_TRANSFER, ACCEPTED_TRANSFER_MISSING);
        assertThat(all.violationsOf(ACCEPTED_TRANSFER_MISSING).get(0).detail()).contains(lost.toString());
    }

    @Test
    void detectsAnEmailThatReachedItsRecipientTwice() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var event = wallet.transfer(alice, bob, 1_00).event().eventId();

        var report = checker.check(scopedTo(alice, bob)
                .withSentEmails(List.of(
                        new SentEmail(event, "alice@checker.test"),
                        new SentEmail(event, "bob@checker.test"),
                        new SentEmail(event, "Alice@Checker.test"))));

        assertThat(report.kinds()).as(report::toString).containsExactly(DUPLICATE_EMAIL);
        assertThat(report.violationsOf(DUPLICATE_EMAIL).get(0).detail())
                .isEqualTo("the email for event " + event + " reached alice@checker.test 2 times");
    }

    @Test
    void detectsAnEmailADecidedTransferCallsForThatNeverArrived() {
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var carol = wallet.newUser();
        var completed = wallet.transfer(alice, bob, 1_00);
        var refused = wallet.rejectedTransfer(carol, bob, 5_00);
        var arrived = List.of(new SentEmail(completed.event().eventId(), wallet.emailOf(alice)));

        var report = checker.check(scopedTo(alice, bob, carol).expectingEveryEmailIn(() -> arrived));

        assertThat(report.kinds()).as(report::toString).containsExactly(MISSING_EMAIL);
        // the receiver of the completed transfer, the sender of the refused one and alice's top-up receipt; no one
        // else is told
        var details = report.violationsOf(MISSING_EMAIL).stream()
                .map(Violation::detail)
                .toList();
        assertThat(details).hasSize(3).anySatisfy(detail -> assertThat(detail)
                .contains("COMPLETED) never reached " + wallet.emailOf(alice)));
        assertThat(details)
                .contains(
                        "the email for event %s (transfer %s, COMPLETED) never reached %s"
                                .formatted(completed.event().eventId(), completed.id(), wallet.emailOf(bob)),
                        "the email for event %s (transfer %s, REJECTED) never reached %s"
                                .formatted(refused.event().eventId(), refused.id(), wallet.emailOf(carol)));
    }

    private CheckReport check(AccountId... users) {
        return checker.check(scopedTo(users));
    }

    private CheckRequest scopedTo(AccountId... users) {
        return CheckRequest.everything().forUsers(List.of(users)).expectingTotalMinor(totalBefore);
    }
}
