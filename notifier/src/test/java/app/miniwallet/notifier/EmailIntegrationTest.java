package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publish;
import static app.miniwallet.notifier.EventPublisher.publishKeyedBy;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.accountEmail;
import static app.miniwallet.notifier.TransferEvents.completedTransfer;
import static app.miniwallet.notifier.TransferEvents.overdraft;
import static app.miniwallet.notifier.TransferEvents.topUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import app.miniwallet.testsupport.logging.CapturedLog;
import app.miniwallet.testsupport.stack.WalletTestStack;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Emails through a real SMTP server (GreenMail). */
class EmailIntegrationTest extends NotifierIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void eachPartyGetsExactlyOneReceiptEvenWhenTheEventIsDeliveredTwice() {
        var alice = newUser("Alice Payer");
        var bob = newUser("Bob Payee");
        var transfer = completedTransfer(alice, bob, "12.50", "87.31", "112.50");

        publish(transfer);
        publish(transfer);
        // a later event for both, on the same partition: once its receipts are in, the duplicate was handled
        var later = completedTransfer(alice, bob, "1.00", "86.30", "113.50");
        publish(later);

        await().atMost(WAIT)
                .until(() -> TestMail.to(alice.email()).size() >= 2
                        && TestMail.to(bob.email()).size() >= 2);
        var toAlice = TestMail.to(alice.email()).stream().map(MailContent::of).toList();
        var toBob = TestMail.to(bob.email()).stream().map(MailContent::of).toList();
        assertThat(toAlice)
                .extracting(MailContent::subject)
                .containsExactlyInAnyOrder("You sent 12.50 to Bob Payee", "You sent 1.00 to Bob Payee");
        assertThat(toBob)
                .extracting(MailContent::subject)
                .containsExactlyInAnyOrder("You received 12.50 from Alice Payer", "You received 1.00 from Alice Payer");

        assertThat(EmailRows.deliveriesOf(transfer.eventId())).isEqualTo(2);
        // the event each email is about, for an audit of the mail against the events topic
        assertThat(toBob)
                .extracting(MailContent::eventId)
                .containsExactlyInAnyOrder(
                        transfer.eventId().toString(), later.eventId().toString());

        var receipt = toAlice.stream()
                .filter(mail -> mail.subject().contains("12.50"))
                .findFirst()
                .orElseThrow();
        assertThat(receipt.text())
                .contains("Amount:                 12.50")
                .contains("Fee:                    0.19")
                .contains("Taken from your wallet: 12.69")
                .contains("To:                     Bob Payee")
                .contains("Your new balance:       87.31")
                .contains(transfer.transferId().toString());
        assertThat(receipt.html()).contains("0.19").contains("87.31").contains("Bob Payee");
        assertThat(receipt.text()).doesNotContain("112.50");

        var received = toBob.stream()
                .filter(mail -> mail.subject().contains("12.50"))
                .findFirst()
                .orElseThrow();
        assertThat(received.text())
                .contains("From:             Alice Payer")
                .contains("Your new balance: 112.50")
                .doesNotContain("87.31")
                .doesNotContain("0.19");
    }

    @Test
    void theSenderOfAnOverdraftIsToldWhyInPlainWords() {
        var erin = newUser("Erin Broke");
        var frank = newUser("Frank Waiting");

        publish(overdraft(erin, frank, "50.00", "10.00"));

        await().atMost(WAIT).until(() -> !TestMail.to(erin.email()).isEmpty());
        var mail = MailContent.of(TestMail.to(erin.email()).get(0));
        assertThat(mail.subject()).isEqualTo("Your transfer of 50.00 to Frank Waiting did not go through");
        assertThat(mail.text())
                .contains("Your balance was 10.00, and this transfer needed 50.75 (50.00 plus a fee of 0.75).")
                .contains("Nothing was taken from your wallet.");
        assertThat(mail.html()).contains("Your balance was 10.00");
        assertThat(TestMail.to(frank.email())).isEmpty();
    }

    @Test
    void aTopUpGetsAReceipt() {
        var gina = newUser("Gina Saver");

        publish(topUp(gina, "100.00", "150.00"));

        await().atMost(WAIT).until(() -> !TestMail.to(gina.email()).isEmpty());
        var mail = MailContent.of(TestMail.to(gina.email()).get(0));
        assertThat(mail.subject()).isEqualTo("Your wallet was topped up with 100.00");
        assertThat(mail.text()).contains("Your new balance: 150.00");
    }

    @Test
    void theVerificationEmailLinksToTheVerifyViewOfTheWebPage() {
        var hank = newUser("Hank Newcomer");

        publish(accountEmail(hank, Purpose.VERIFY_EMAIL, "verify-token-123"));

        await().atMost(WAIT).until(() -> !TestMail.to(hank.email()).isEmpty());
        var mail = MailContent.of(TestMail.to(hank.email()).get(0));
        assertThat(mail.subject()).isEqualTo("Confirm your email address for Mini Wallet");
        assertThat(mail.text()).contains("http://localhost:8080/#/verify-email/verify-token-123");
        assertThat(mail.html()).contains("href=\"http://localhost:8080/#/verify-email/verify-token-123\"");
    }

    @Test
    void thePasswordResetEmailLinksToTheResetViewOfTheWebPage() {
        var ivy = newUser("Ivy Forgetful");
        var request = accountEmail(ivy, Purpose.RESET_PASSWORD, "reset-token-456");

        publish(request);
        publish(request);

        await().atMost(WAIT).until(() -> !TestMail.to(ivy.email()).isEmpty());
        var mail = MailContent.of(TestMail.to(ivy.email()).get(0));
        assertThat(mail.subject()).isEqualTo("Reset your Mini Wallet password");
        assertThat(mail.text()).contains("http://localhost:8080/#/reset-password/reset-token-456");
        assertThat(mail.html()).contains("href=\"http://localhost:8080/#/reset-password/reset-token-456\"");
        // the second request carries the same event id: it was taken on once
        assertThat(EmailRows.deliveriesOf(request.eventId())).isEqualTo(1);
    }

    @Test
    void anEmailAskedForBeforeAKeyRotationStillGoesOutWithItsLink() {
        var jim = newUser("Jim Rotated");

        publish(accountEmail(
                jim, Purpose.VERIFY_EMAIL, "token-under-the-old-key", WalletTestStack.PREVIOUS_EVENT_ENCRYPTION_KEY));

        await().atMost(WAIT).until(() -> !TestMail.to(jim.email()).isEmpty());
        assertThat(MailContent.of(TestMail.to(jim.email()).get(0)).text())
                .contains("http://localhost:8080/#/verify-email/token-under-the-old-key");
    }

    @Test
    void aTamperedTokenOrOneMovedToAnotherUsersEventIsLoggedAndNotEmailedAndTheRestGoesOn() {
        var kim = newUser("Kim Target");
        var leo = newUser("Leo Victim");
        var genuine = accountEmail(leo, Purpose.RESET_PASSWORD, "leos-reset-token");
        var moved = withCiphertext(accountEmail(kim, Purpose.RESET_PASSWORD, "unused"), genuine.tokenCiphertext());
        var intact = accountEmail(kim, Purpose.RESET_PASSWORD, "kims-reset-token");
        var tampered = withCiphertext(intact, withOneCharacterChanged(intact.tokenCiphertext()));

        try (var log = CapturedLog.of("app.miniwallet.notifier.email.kafka.EmailEventListener")) {
            publish(moved);
            publish(tampered);
            // behind them on Kim's partition: once it is emailed, the two before it were handled
            publish(accountEmail(kim, Purpose.VERIFY_EMAIL, "kims-verify-token"));

            await().atMost(WAIT).until(() -> !TestMail.to(kim.email()).isEmpty());
            assertThat(TestMail.to(kim.email()))
                    .singleElement()
                    .satisfies(mail -> assertThat(MailContent.of(mail).text()).contains("kims-verify-token"));
            assertThat(log.events())
                    .filteredOn(event -> event.getLevel() == Level.ERROR)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line)
                            .contains(moved.eventId().toString())
                            .contains("does not decrypt"))
                    .anySatisfy(line -> assertThat(line)
                            .contains(tampered.eventId().toString())
                            .contains("does not decrypt"))
                    .noneSatisfy(line -> assertThat(line).contains("leos-reset-token"));
        }
        assertThat(EmailRows.deliveriesOf(moved.eventId())).isZero();
        assertThat(EmailRows.deliveriesOf(tampered.eventId())).isZero();
        assertThat(TestMail.to(leo.email())).isEmpty();
    }

    @Test
    void aRequestLackingItsUserOrAddressIsLoggedAndSkippedAndTheRestOfItsPartitionGoesOut() {
        var mia = newUser("Mia Behind");
        var valid = accountEmail(mia, Purpose.VERIFY_EMAIL, "unused");
        var noUser = withUserAndEmail(valid, null, valid.email());
        var noAddress = withUserAndEmail(accountEmail(mia, Purpose.VERIFY_EMAIL, "unused"), valid.userId(), null);

        try (var log = CapturedLog.of("app.miniwallet.notifier.email.kafka.EmailEventListener")) {
            publishKeyedBy(mia.id().toString(), noUser);
            publish(noAddress);
            // behind them on Mia's partition: once it is emailed, the two before it were handled
            publish(accountEmail(mia, Purpose.VERIFY_EMAIL, "mias-verify-token"));

            await().atMost(WAIT).until(() -> !TestMail.to(mia.email()).isEmpty());
            assertThat(TestMail.to(mia.email()))
                    .singleElement()
                    .satisfies(mail -> assertThat(MailContent.of(mail).text()).contains("mias-verify-token"));
            assertThat(log.events())
                    .filteredOn(event -> event.getLevel() == Level.ERROR)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line)
                            .contains(noUser.eventId().toString())
                            .contains("user_id"))
                    .anySatisfy(line -> assertThat(line)
                            .contains(noAddress.eventId().toString())
                            .contains("email"));
        }
        assertThat(EmailRows.deliveriesOf(noUser.eventId())).isZero();
        assertThat(EmailRows.deliveriesOf(noAddress.eventId())).isZero();
    }

    private static AccountEmailRequested withUserAndEmail(
            AccountEmailRequested request, AccountId userId, String email) {
        return with(request, userId, email, request.tokenCiphertext());
    }

    private static AccountEmailRequested with(
            AccountEmailRequested request, AccountId userId, String email, String ciphertext) {
        return new AccountEmailRequested(
                request.eventId(),
                request.schemaVersion(),
                request.occurredAt(),
                request.purpose(),
                userId,
                email,
                request.name(),
                ciphertext,
                request.expiresAt());
    }

    /** The second-to-last character changed: the last may hold bits base64 leaves unused. */
    private static String withOneCharacterChanged(String ciphertext) {
        var chars = ciphertext.toCharArray();
        var index = chars.length - 2;
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static AccountEmailRequested withCiphertext(AccountEmailRequested request, String ciphertext) {
        return with(request, request.userId(), request.email(), ciphertext);
    }
}
