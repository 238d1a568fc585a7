package app.miniwallet.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.systemtests.browser.Chromium.Screen;
import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.payment.FakePaymentProvider;
import java.net.URI;
import java.util.UUID;
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
 * A top-up paid through a payment provider, in the browser, as {@code WALLET_TOP_UPS=provider ./run} shows it: the
 * api in provider mode, the dev stack's fake provider, the transfer-processor and the notifier as their own processes.
 * The page shows the top-up awaiting its payment with a link to the provider's checkout page; a click there sends
 * the api the signed webhook, and the page follows the top-up to completed, or to rejected with the reason.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopUpCheckoutBrowserIT {

    private static final String WEBHOOK_SECRET = "the-browser-tests-webhook-secret-0123456789abcdef";

    /** Chosen up front: the api is told its checkout URL before the provider can start (it needs the api's port). */
    private static final int PROVIDER_PORT = FreePort.find();

    @DynamicPropertySource
    static void providerMode(DynamicPropertyRegistry registry) {
        registry.add("wallet.web.feed-url", BackendProcesses::feedUrl);
        registry.add("wallet.top-ups.mode", () -> "provider");
        registry.add("wallet.top-ups.provider.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add(
                "wallet.top-ups.provider.checkout-url",
                () -> "http://" + FakePaymentProvider.BIND_ADDRESS + ":" + PROVIDER_PORT + "/checkout");
    }

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Autowired
    WalletFixtures fixtures;

    @LocalServerPort
    int port;

    private MailInbox inbox;
    private BackendProcesses backend;
    private FakePaymentProvider provider;

    @BeforeAll
    void startTheRestOfTheSystem() {
        provider = FakePaymentProvider.start(
                PROVIDER_PORT, address().resolve("/api/payments/webhook"), WEBHOOK_SECRET, address());
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
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aTopUpPaidAtTheProvidersCheckoutIsFollowedFromAwaitingPaymentToCompleted() {
        var person = somebody("Paula Payer");
        var page = new WalletPage(browsers.open(Screen.DESKTOP), address()).signIn(person);
        page.awaitLive();
        page.markThisPageLoad();
        page.recordStatuses();

        page.topUp("40.00");
        var topUp = page.awaitEntry(
                row -> row.direction().equals("TOP_UP") && row.status().equals("AWAITING_PAYMENT"));
        page.awaitText(By.cssSelector("[data-top-up-outcome]"), text -> text.startsWith("Pay 40.00 to add it."));
        assertThat(page.balance()).as("nothing is credited before the payment").isEqualTo("0.00");

        var wallet = page.clickIntoNewTab(By.cssSelector("[data-checkout]"));
        page.awaitText(By.tagName("h1"), "Pay 40.00"::equals);
        page.click(By.cssSelector("[data-pay]"));
        page.awaitText(By.cssSelector("[data-outcome]"), text -> text.startsWith("Paid 40.00."));

        page.switchToTab(wallet);
        page.awaitBalance("40.00");
        page.awaitEntry(row -> row.id().equals(topUp.id()) && row.status().equals("COMPLETED"));
        page.awaitText(By.cssSelector("[data-top-up-outcome]"), "Added 40.00."::equals);
        assertThat(page.statusesSeen(topUp.id()))
                .as("awaiting payment at once, completed once paid")
                .startsWith("AWAITING_PAYMENT")
                .endsWith("COMPLETED")
                .doesNotContain("REJECTED");
        assertThat(page.isTheMarkedPageLoad()).as("the page was never reloaded").isTrue();
        assertThat(fixtures.balanceOf(person)).isEqualTo(Money.parse("40.00"));
    }

    @Test
    void aTopUpDeclinedAtTheProvidersCheckoutReachedAfterAReloadShowsAsRejectedWithTheReason() {
        var person = somebody("Dora Decliner");
        var page = new WalletPage(browsers.open(Screen.PHONE), address()).signIn(person);
        page.awaitLive();

        page.topUp("25.00");
        var topUp = page.awaitEntry(
                row -> row.direction().equals("TOP_UP") && row.status().equals("AWAITING_PAYMENT"));
        // the history still offers the checkout after a reload, which forgets the form's answer
        page.reload();
        page.awaitLive();
        page.awaitEntry(row -> row.id().equals(topUp.id()) && row.status().equals("AWAITING_PAYMENT"));
        var wallet = page.clickIntoNewTab(By.cssSelector("li.entry [data-checkout]"));
        page.click(By.cssSelector("[data-decline]"));
        page.awaitText(By.cssSelector("[data-outcome]"), text -> text.startsWith("Declined"));

        page.switchToTab(wallet);
        var rejected = page.awaitEntry(
                row -> row.id().equals(topUp.id()) && row.status().equals("REJECTED") && row.reason() != null);
        assertThat(rejected.reason()).isEqualTo("The payment provider declined the payment.");
        assertThat(page.balance()).isEqualTo("0.00");
        assertThat(fixtures.balanceOf(person)).isEqualTo(Money.ZERO);
    }

    private Person somebody(String name) {
        var suffix = UUID.randomUUID().toString().substring(0, 6);
        return fixtures.personNamed(
                name + " " + suffix, name.toLowerCase().replace(' ', '.') + "." + suffix + "@example.test");
    }

    private URI address() {
        return URI.create("http://localhost:" + port);
    }
}
