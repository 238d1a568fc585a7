package app.miniwallet.notifier.feed;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.notifier.TransferEvents;
import app.miniwallet.notifier.people.User;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedEntriesUnitTest {

    private static final AccountId ALICE = AccountId.of(1001);
    private static final AccountId BOB = AccountId.of(1002);
    private static final Map<AccountId, User> USERS = Map.of(
            ALICE, new User(ALICE, "Alice", "alice@example.test"),
            BOB, new User(BOB, "Bob", "bob@example.test"));
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");

    @Test
    void aCompletedTransferShowsEachSideItsOwnDirectionFeeAndBalance() {
        var entries = FeedEntries.of(transfer(ALICE, BOB, 1250, 19, 8731, 11250), USERS);

        assertThat(entries).hasSize(2);
        var sent = entries.get(0);
        assertThat(sent.userId()).isEqualTo(ALICE);
        assertThat(sent.direction()).isEqualTo(Direction.SENT);
        assertThat(sent.status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(sent.amount()).isEqualTo(Money.ofMinor(1250));
        assertThat(sent.fee()).isEqualTo(Money.ofMinor(19));
        assertThat(sent.balance()).isEqualTo(Money.ofMinor(8731));
        assertThat(sent.counterparty()).isEqualTo(new FeedEntry.Counterparty(BOB, "Bob"));
        assertThat(sent.occurredAt()).isEqualTo(NOW);

        var received = entries.get(1);
        assertThat(received.userId()).isEqualTo(BOB);
        assertThat(received.direction()).isEqualTo(Direction.RECEIVED);
        assertThat(received.fee()).isEqualTo(Money.ZERO);
        assertThat(received.balance()).isEqualTo(Money.ofMinor(11250));
        assertThat(received.counterparty()).isEqualTo(new FeedEntry.Counterparty(ALICE, "Alice"));
    }

    @Test
    void aTopUpIsOnlyInTheFeedOfTheUserToppedUp() {
        var topUp = new TransferCompleted(
                TransferEvent.eventIdFor(TransferId.next()),
                1,
                NOW,
                TransferId.next(),
                TransferKind.TOP_UP,
                AccountId.CASH_IN,
                ALICE,
                10000,
                0,
                -500000,
                20000,
                NOW);

        var entries = FeedEntries.of(topUp, USERS);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.userId()).isEqualTo(ALICE);
            assertThat(entry.direction()).isEqualTo(Direction.TOP_UP);
            assertThat(entry.balance()).isEqualTo(Money.ofMinor(20000));
            assertThat(entry.counterparty()).isEqualTo(new FeedEntry.Counterparty(AccountId.CASH_IN, "Top-up"));
        });
    }

    @Test
    void aRefusedTransferIsOnlyInTheSendersFeedWithTheReasonAndTheUnchangedBalance() {
        var refused = TransferEvents.overdraft(ALICE, BOB, "50.00", "10.00");

        var entries = FeedEntries.of(refused, USERS);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.userId()).isEqualTo(ALICE);
            assertThat(entry.status()).isEqualTo(TransferStatus.REJECTED);
            assertThat(entry.reason()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(entry.balance()).isEqualTo(Money.ofMinor(1000));
        });
    }

    @Test
    void aCounterpartyTheDatabaseDoesNotKnowHasNoName() {
        var stranger = AccountId.of(999_999);

        var entries = FeedEntries.of(transfer(ALICE, stranger, 100, 2, 900, 100), USERS);

        assertThat(entries.get(0).counterparty()).isEqualTo(new FeedEntry.Counterparty(stranger, null));
    }

    private static TransferCompleted transfer(
            AccountId sender, AccountId receiver, long amount, long fee, long senderAfter, long receiverAfter) {
        var transferId = TransferId.next();
        return new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                1,
                NOW,
                transferId,
                TransferKind.TRANSFER,
                sender,
                receiver,
                amount,
                fee,
                senderAfter,
                receiverAfter,
                NOW);
    }
}
