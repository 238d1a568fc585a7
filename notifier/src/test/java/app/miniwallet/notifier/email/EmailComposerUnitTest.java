package app.miniwallet.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.notifier.TransferEvents;
import app.miniwallet.notifier.people.User;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailComposerUnitTest {

    private static final AccountId ALICE = AccountId.of(1001);
    private static final AccountId BOB = AccountId.of(1002);
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private final EmailComposer composer = composerFor("https://wallet.example.test/");

    @Test
    void aTransferGivesTheSenderAndTheReceiverEachTheirOwnReceipt() {
        var users = Map.of(
                ALICE, new User(ALICE, "Alice", "Alice@Example.test"),
                BOB, new User(BOB, "Bob", "bob@example.test"));

        var emails = composer.about(transfer(ALICE, BOB), users);

        assertThat(emails).extracting(Email::recipient).containsExactly("alice@example.test", "bob@example.test");
        assertThat(emails.get(0).subject()).isEqualTo("You sent 12.50 to Bob");
        assertThat(emails.get(0).text())
                .contains("Fee:                    0.19")
                .contains("87.31");
        assertThat(emails.get(0).text()).contains("1 March 2026, 10:15 UTC");
        assertThat(emails.get(1).subject()).isEqualTo("You received 12.50 from Alice");
        assertThat(emails.get(1).text())
                .contains("112.50")
                .doesNotContain("87.31")
                .doesNotContain("0.19");
    }

    @Test
    void namesAreEscapedInTheHtmlPartAndLeftAsTheyAreInTheText() {
        var users = Map.of(
                ALICE, new User(ALICE, "Alice", "alice@example.test"),
                BOB, new User(BOB, "<b>Bob</b> & Co", "bob@example.test"));

        var toAlice = composer.about(transfer(ALICE, BOB), users).get(0);

        assertThat(toAlice.html()).contains("&lt;b&gt;Bob&lt;/b&gt; &amp; Co").doesNotContain("<b>Bob</b>");
        assertThat(toAlice.text()).contains("<b>Bob</b> & Co");
    }

    @Test
    void noEmailGoesToAnAccountThatIsNotAUser() {
        var emails = composer.about(transfer(ALICE, BOB), Map.of(BOB, new User(BOB, "Bob", "bob@example.test")));

        assertThat(emails).extracting(Email::recipient).containsExactly("bob@example.test");
    }

    @Test
    void aRefusalTellsTheSenderTheReasonInPlainWords() {
        var refused = TransferEvents.overdraft(ALICE, BOB, "50.00", "10.00");
        var users = Map.of(
                ALICE, new User(ALICE, "Alice", "alice@example.test"),
                BOB, new User(BOB, "Bob", "bob@example.test"));

        List<Email> emails = composer.about(refused, users);

        assertThat(emails).singleElement().satisfies(email -> {
            assertThat(email.recipient()).isEqualTo("alice@example.test");
            assertThat(email.subject()).isEqualTo("Your transfer of 50.00 to Bob did not go through");
            assertThat(email.text())
                    .contains("Your balance was 10.00, and this transfer needed 50.75 (50.00 plus a fee of 0.75).");
        });
    }

    @Test
    void accountEmailLinksPointAtTheWebPageViewsWhateverTheBaseUrlEndsWith() {
        var verify = request(Purpose.VERIFY_EMAIL, "abc_DEF-123");
        var reset = request(Purpose.RESET_PASSWORD, "xyz");

        assertThat(composer.linkFor(verify)).isEqualTo("https://wallet.example.test/#/verify-email/abc_DEF-123");
        assertThat(composerFor("http://localhost:8080").linkFor(reset))
                .isEqualTo("http://localhost:8080/#/reset-password/xyz");
        assertThat(composer.about(reset).html())
                .contains("href=\"https://wallet.example.test/#/reset-password/xyz\"")
                // the shared frame from layout.html
                .contains("<title>Mini Wallet</title>", "You get this email because you have a Mini Wallet account.");
    }

    private static EmailComposer composerFor(String baseUrl) {
        var settings = new NotifierSettings(URI.create(baseUrl), List.of(), null, null, Duration.ofSeconds(30));
        return new EmailComposer(new MailTemplates(), settings);
    }

    private static TransferCompleted transfer(AccountId sender, AccountId receiver) {
        var transferId = TransferId.next();
        return new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                1,
                NOW,
                transferId,
                TransferKind.TRANSFER,
                sender,
                receiver,
                1250,
                19,
                8731,
                11250,
                NOW);
    }

    private static AccountEmail request(Purpose purpose, String token) {
        var request = new AccountEmailRequested(
                UUID.randomUUID(),
                AccountEmailRequested.SCHEMA_VERSION,
                NOW,
                purpose,
                ALICE,
                "alice@example.test",
                "Alice",
                "v1.unused.AAAA",
                NOW.plus(Duration.ofHours(1)));
        return new AccountEmail(request, token);
    }
}
