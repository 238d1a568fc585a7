package app.miniwallet.notifier;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.FeeRule;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import app.miniwallet.notifier.TestUsers.TestUser;
import app.miniwallet.platform.encryption.EventEncryptionSettings;
import app.miniwallet.platform.encryption.EventFieldCipher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Events as the transfer processor and the API's outbox would publish them. */
public final class TransferEvents {

    private TransferEvents() {}

    static TransferCompleted completedTransfer(
            TestUser sender, TestUser receiver, String amount, String senderBalanceAfter, String receiverBalanceAfter) {
        var transferId = TransferId.next();
        var money = Money.parse(amount);
        var now = now();
        return new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                now,
                transferId,
                TransferKind.TRANSFER,
                sender.id(),
                receiver.id(),
                money.minor(),
                FeeRule.STANDARD.feeFor(money).minor(),
                Money.parse(senderBalanceAfter).minor(),
                Money.parse(receiverBalanceAfter).minor(),
                now.minusMillis(5));
    }

    static TransferRejected overdraft(TestUser sender, TestUser receiver, String amount, String senderBalance) {
        return overdraft(sender.id(), receiver.id(), amount, senderBalance);
    }

    /** A transfer refused for insufficient funds, with the standard fee; {@code senderBalance} is what it saw. */
    public static TransferRejected overdraft(
            AccountId sender, AccountId receiver, String amount, String senderBalance) {
        var transferId = TransferId.next();
        var money = Money.parse(amount);
        var now = now();
        return new TransferRejected(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                now,
                transferId,
                TransferKind.TRANSFER,
                sender,
                receiver,
                money.minor(),
                FeeRule.STANDARD.feeFor(money).minor(),
                RejectionReason.INSUFFICIENT_FUNDS,
                Money.parse(senderBalance).minor(),
                now.minusMillis(5));
    }

    static TransferCompleted topUp(TestUser user, String amount, String balanceAfter) {
        var transferId = TransferId.next();
        var money = Money.parse(amount);
        var now = now();
        return new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                now,
                transferId,
                TransferKind.TOP_UP,
                AccountId.CASH_IN,
                user.id(),
                money.minor(),
                0,
                -money.minor(),
                Money.parse(balanceAfter).minor(),
                now.minusMillis(5));
    }

    /** As the api asks for it: the token encrypted with the stack's current key. */
    static AccountEmailRequested accountEmail(TestUser user, Purpose purpose, String token) {
        return accountEmail(user, purpose, token, WalletTestStack.EVENT_ENCRYPTION_KEY);
    }

    /** As an api that encrypted with {@code key} ({@code id:base64}) asked for it. */
    static AccountEmailRequested accountEmail(TestUser user, Purpose purpose, String token, String key) {
        var now = now();
        var eventId = UUID.randomUUID();
        var cipher = new EventFieldCipher(new EventEncryptionSettings(key, null));
        return new AccountEmailRequested(
                eventId,
                AccountEmailRequested.SCHEMA_VERSION,
                now,
                purpose,
                user.id(),
                user.email(),
                user.name(),
                cipher.encrypt(token, AccountEmailRequested.tokenAssociatedData(eventId, user.id(), purpose)),
                now.plus(Duration.ofHours(24)));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
