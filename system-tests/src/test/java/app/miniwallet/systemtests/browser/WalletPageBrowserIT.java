package app.miniwallet.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.systemtests.browser.Chromium.Screen;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web page in a real headless browser against the whole system: this api, the transfer-processor and the
 * notifier as their own processes, Kafka, PostgreSQL and an SMTP server.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletPageBrowserIT {

    private static final Pattern VERIFICATION_LINK = Pattern.compile("https?://\\S+?/#/verify-email/[^\\s\"'<>]+");
    private static final Pattern RESET_LINK = Pattern.compile("https?://\\S+?/#/reset-password/[^\\s\"'<>]+");

    @DynamicPropertySource
    static void feedAddress(DynamicPropertyRegistry registry) {
        registry.add("wallet.web.feed-url", BackendProcesses::feedUrl);
    }

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    DataSource dataSource;

    @LocalServerPort
    int port;

    private MailInbox inbox;
    private BackendProcesses backend;

    @BeforeAll
    void startTheRestOfTheSystem() {
        inbox = MailInbox.start();
        backend = BackendProcesses.start(address(), inbox.smtpPort());
    }

    @AfterAll
    void stopTheRestOfTheSystem() {
        if (backend != null) {
            backend.close();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void twoPeopleSendMoneyBackAndForthAndEachSeesItArriveWithoutReloading() {
        var alpha = personWith("Alpha Adams", "1000.00");
        var beta = personWith("Beta Brown", "1000.00");
        var alphaPage = pageIn(Screen.DESKTOP).signIn(alpha);
        var betaPage = pageIn(Screen.PHONE).signIn(beta);
        alphaPage.awaitLive();
        betaPage.awaitLive();
        alphaPage.markThisPageLoad();
        betaPage.markThisPageLoad();
        alphaPage.recordStatuses();

        alphaPage.chooseReceiver("Beta", beta);
        alphaPage.typeAmount("25.00");
        alphaPage.awaitSendCheck("fee 0.38 · total 25.38");
        alphaPage.send();

        var sent = alphaPage.awaitEntry(row -> row.direction().equals("SENT"));
        assertThat(sent.title()).isEqualTo("To Beta Brown");
        assertThat(sent.amount()).isEqualTo("−25.00");
        alphaPage.awaitBalance("974.62");
        alphaPage.awaitText(By.cssSelector("[data-send-outcome]"), "Sent 25.00 to Beta Brown."::equals);
        alphaPage.awaitEntry(row -> row.id().equals(sent.id()) && row.status().equals("COMPLETED"));
        assertThat(alphaPage.statusesSeen(sent.id()))
                .as("shown as pending at once, then completed")
                .containsExactly("PENDING", "COMPLETED");

        betaPage.awaitBalance("1,025.00");
        var received = betaPage.awaitEntry(row -> row.id().equals(sent.id()));
        assertThat(received)
                .extracting(
                        WalletPage.Row::direction,
                        WalletPage.Row::status,
                        WalletPage.Row::title,
                        WalletPage.Row::amount)
                .containsExactly("RECEIVED", "COMPLETED", "From Alpha Adams", "+25.00");

        betaPage.chooseReceiver("alpha", alpha);
        betaPage.typeAmount("10");
        betaPage.awaitSendCheck("fee 0.15 · total 10.15");
        betaPage.send();
        betaPage.awaitBalance("1,014.85");
        alphaPage.awaitBalance("984.62");
        alphaPage.awaitEntry(row -> row.direction().equals("RECEIVED")
                && row.title().equals("From Beta Brown")
                && row.amount().equals("+10.00")
                && row.status().equals("COMPLETED"));
        assertThat(alphaPage.isTheMarkedPageLoad())
                .as("alpha's page was never reloaded")
                .isTrue();
        assertThat(betaPage.isTheMarkedPageLoad())
                .as("beta's page was never reloaded")
                .isTrue();
        assertThat(alphaPage.liveStatus()).isEqualTo("Live");

        // the README's picture of the page, and the same on a phone
        browsers.opened(0).screenshot(Path.of("target", "wallet-page.png"));
        browsers.opened(1).screenshot(Path.of("target", "wallet-page-phone.png"));
    }

    @Test
    void afterTheFeedDropsThePageReconnectsAndGetsWhatItMissedFromTheFeed() {
        var payer = personWith("Pat Payer " + suffix(), "100.00");
        var payee = personWith("Quinn Payee " + suffix(), "0.00");
        var page = pageIn(Screen.DESKTOP).signIn(payee);
        page.awaitLive();
        fixtures.sendAccepted(payer, payee, "1.00");
        page.awaitBalance("1.00");
        WalletPage.eventually().until(page::lastFeedSeq, seq -> seq != null && !seq.isEmpty());
        var seqBeforeTheDrop = Long.parseLong(page.lastFeedSeq());

        backend.stopNotifier();
        page.awaitLiveStatus("Reconnecting…");
        var missed = fixtures.sendAccepted(payer, payee, "2.00");
        page.awaitBalance("3.00"); // meanwhile the page asks the API
        backend.startNotifier();

        page.awaitLive();
        WalletPage.eventually().until(page::lastFeedSeq, seq -> String.valueOf(seqBeforeTheDrop + 1)
                .equals(seq));
        assertThat(page.history())
                .filteredOn(row -> row.id().equals(missed))
                .singleElement()
                .extracting(WalletPage.Row::status)
                .isEqualTo("COMPLETED");
        assertThat(page.balance()).isEqualTo("3.00");
    }

    @Test
    void registrationIsFinishedThroughTheLinkInTheVerificationEmail() {
        var email = "new." + UUID.randomUUID() + "@example.test";
        var page = pageIn(Screen.PHONE).open("/register");
        page.type(By.id("register-name"), "Nora Newcomer");
        page.type(By.id("register-email"), email);
        page.type(By.id("register-password"), WalletFixtures.PASSWORD);
        page.type(By.id("register-password-confirmation"), "not the same password");
        page.click(By.cssSelector("form button[type=submit]"));
        page.awaitText(
                By.id("register-password-confirmation-error"),
                "Password confirmation does not match the password."::equals);

        page.type(By.id("register-password-confirmation"), WalletFixtures.PASSWORD);
        page.click(By.cssSelector("form button[type=submit]"));
        page.awaitText(By.cssSelector("[data-unverified]"), text -> text.contains(email));
        page.awaitBalance("0.00");

        page.openLink(inbox.awaitLink(email, VERIFICATION_LINK));
        page.awaitText(
                By.cssSelector(".account-card [role=status]"),
                text -> text.startsWith("Your email address is verified"));
        page.click(By.linkText("Go to your wallet"));
        page.awaitBalance("0.00");
        assertThat(page.heading()).isEqualTo("Your wallet");

        page.topUp("50.00");
        page.awaitBalance("50.00");
        page.awaitEntry(row -> row.direction().equals("TOP_UP")
                && row.status().equals("COMPLETED")
                && row.amount().equals("+50.00"));
        assertThat(page.history()).hasSize(1);
        assertThat(page.text(By.tagName("body"))).doesNotContain("Please verify");

        page.click(By.xpath("//button[normalize-space()='Sign out']"));
        page.awaitText(By.cssSelector(".notice"), "You are signed out."::equals);
        assertThat(page.heading()).isEqualTo("Sign in");
    }

    @Test
    void aForgottenPasswordIsReplacedThroughTheLinkInTheEmail() {
        var person = personWith("Fred Forgetful " + suffix(), "0.00");
        var page = pageIn(Screen.PHONE).open("/sign-in");
        page.click(By.linkText("Forgot your password?"));
        page.type(By.id("forgot-email"), person.email());
        page.click(By.cssSelector("form button[type=submit]"));
        page.awaitText(By.cssSelector(".account-card .success"), text -> text.contains(person.email()));

        page.openLink(inbox.awaitLink(person.email(), RESET_LINK));
        page.type(By.id("reset-password"), "a brand new password");
        page.type(By.id("reset-password-confirmation"), "a brand new password");
        page.click(By.cssSelector("form button[type=submit]"));
        page.awaitText(By.cssSelector(".notice"), "Your password is changed. Sign in with your new password."::equals);

        page.type(By.id("sign-in-email"), person.email());
        page.type(By.id("sign-in-password"), WalletFixtures.PASSWORD);
        page.click(By.cssSelector("form button[type=submit]"));
        page.awaitText(By.cssSelector("[role=alert]"), "The email or password is not correct."::equals);
        page.type(By.id("sign-in-password"), "a brand new password");
        page.click(By.cssSelector("form button[type=submit]"));
        page.awaitBalance("0.00");
    }

    @Test
    void theSendFormSaysWhatIsWrongWhileTyping() {
        var sender = personWith("Sam Sender " + suffix(), "50.00");
        var receiver = personWith("Rita Receiver " + suffix(), "0.00");
        var page = pageIn(Screen.DESKTOP).signIn(sender);

        page.typeAmount("10.123");
        page.awaitSendCheck("Amount must have at most 2 decimals.");
        page.chooseReceiver(receiver.name().substring(0, 8), receiver);
        page.awaitSendCheck("Amount must have at most 2 decimals.");
        page.typeAmount("0");
        page.awaitSendCheck("Amount must be greater than 0.");
        page.typeAmount("ten");
        page.awaitSendCheck("Amount must be a number such as 12.34.");
        page.typeAmount("49.50");
        page.awaitSendCheck("Amount plus the fee of 0.74 is more than your balance of 50.00.");
        page.typeAmount("10");
        page.awaitSendCheck("fee 0.15 · total 10.15");

        assertThat(fixtures.writesBy(sender))
                .as("checking while typing writes nothing")
                .isZero();
        assertThat(page.history()).hasSize(1); // the fixture's top-up only
    }

    @Test
    void aRejectedTransferShowsWhyItWasRejected() throws Exception {
        var sender = personWith("Rob Rejected " + suffix(), "30.00");
        var first = personWith("Fay First " + suffix(), "0.00");
        var second = personWith("Sid Second " + suffix(), "0.00");
        var page = pageIn(Screen.DESKTOP).signIn(sender);

        try (var locked = lockAccountOf(sender)) {
            // the processor waits for the lock, so both transfers pass the API's check against 30.00;
            // applied in order, the first leaves 9.70 and the page's own cannot be paid
            fixtures.sendAccepted(sender, first, "20.00");
            page.chooseReceiver(second.name().substring(0, 8), second);
            page.typeAmount("20.00");
            page.awaitSendCheck("fee 0.30 · total 20.30");
            page.send();
            page.awaitEntry(row ->
                    row.title().equals("To " + second.name()) && row.status().equals("PENDING"));
        }

        var rejected = page.awaitEntry(row ->
                row.title().equals("To " + second.name()) && row.status().equals("REJECTED") && row.reason() != null);
        assertThat(rejected.reason()).startsWith("Not enough money");
        page.awaitText(
                By.cssSelector("[data-send-outcome]"),
                ("20.00 to " + second.name() + " was not sent. " + rejected.reason())::equals);
        page.awaitBalance("9.70");
        assertThat(fixtures.balanceOf(sender)).isEqualTo(Money.parse("9.70"));
    }

    @Test
    void theHistoryLoadsOlderTransactionsWhenScrolledToTheEnd() {
        var saver = personWith("Sue Saver " + suffix(), "0.00");
        for (int topUp = 1; topUp <= 25; topUp++) {
            fixtures.fund(saver.account(), Money.parse(topUp + ".00"));
        }
        var page = pageIn(Screen.DESKTOP).signIn(saver);
        page.awaitBalance("325.00");
        WalletPage.eventually().until(() -> page.history().size(), size -> size == 20);
        assertThat(page.history().get(0).amount()).as("newest first").isEqualTo("+25.00");

        page.scrollToTheEnd();
        WalletPage.eventually().until(() -> page.history().size(), size -> size == 25);
        assertThat(page.history().get(24).amount()).isEqualTo("+1.00");
        page.awaitText(By.cssSelector(".history-end"), "That is everything."::equals);
    }

    private Person personWith(String name, String balance) {
        var person =
                fixtures.personNamed(name, name.toLowerCase().replace(' ', '.') + "." + suffix() + "@example.test");
        if (Money.parse(balance).isPositive()) {
            fixtures.fund(person.account(), Money.parse(balance));
        }
        return person;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private WalletPage pageIn(Screen screen) {
        return new WalletPage(browsers.open(screen), address());
    }

    private URI address() {
        return URI.create("http://localhost:" + port);
    }

    /**
     * Holds a row lock that the processor's lock on the account waits for, while the api's inserts, whose foreign keys
     * only take a key-share lock on the row, go through.
     */
    private AutoCloseable lockAccountOf(Person person) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (var statement =
                connection.prepareStatement("select balance_minor from accounts where id = ? for no key update")) {
            statement.setLong(1, person.account().value());
            statement.executeQuery().close();
        }
        return () -> {
            connection.rollback();
            connection.close();
        };
    }
}
