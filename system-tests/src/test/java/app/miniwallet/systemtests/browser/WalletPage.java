package app.miniwallet.systemtests.browser;

import static org.awaitility.Awaitility.await;

import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The web page as a person uses it, one browser each: what they type, click and read. */
final class WalletPage {

    /** One line of the history as shown. */
    record Row(String id, String direction, String status, String title, String amount, String reason) {}

    private final ChromeDriver driver;
    private final URI address;

    WalletPage(Chromium browser, URI address) {
        this.driver = browser.driver();
        this.address = address;
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions();
    }

    /** Opens a route of the page, e.g. "/sign-in", as a link or a typed address would. */
    WalletPage open(String route) {
        driver.get(address.resolve("/#" + route).toString());
        return this;
    }

    /** Loads the page again, as the browser's reload button does. */
    void reload() {
        driver.navigate().refresh();
        eventually().until(() -> !balance().isBlank() && !balance().equals("…"));
    }

    void openLink(String link) {
        driver.get(link);
    }

    WalletPage signIn(Person person) {
        open("/sign-in");
        type(By.id("sign-in-email"), person.email());
        type(By.id("sign-in-password"), WalletFixtures.PASSWORD);
        click(By.cssSelector("form button[type=submit]"));
        eventually().until(() -> !balance().isBlank() && !balance().equals("…"));
        return this;
    }

    void type(By field, String text) {
        var input = eventually().until(() -> driver.findElement(field), WebElement::isDisplayed);
        // select-all and delete, as a person would: Vue listens to the input events this fires
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    void click(By button) {
        eventually()
                .until(() -> driver.findElement(button), WebElement::isEnabled)
                .click();
    }

    /** Clicks a link that opens in a new tab and carries on in that tab; returns the tab the link was in. */
    String clickIntoNewTab(By link) {
        var before = driver.getWindowHandles();
        var from = driver.getWindowHandle();
        click(link);
        var opened = eventually()
                .until(
                        () -> {
                            var now = new HashSet<>(driver.getWindowHandles());
                            now.removeAll(before);
                            return now;
                        },
                        tabs -> tabs.size() == 1)
                .iterator()
                .next();
        driver.switchTo().window(opened);
        return from;
    }

    void switchToTab(String tab) {
        driver.switchTo().window(tab);
    }

    String text(By element) {
        return driver.findElement(element).getText().strip();
    }

    String heading() {
        return text(By.id("page-heading"));
    }

    void awaitText(By element, Predicate<String> expected) {
        eventually().until(() -> text(element), expected);
    }

    String balance() {
        return text(By.cssSelector("[data-balance]"));
    }

    void awaitBalance(String expected) {
        eventually().until(this::balance, expected::equals);
    }

    String liveStatus() {
        return text(By.cssSelector("[data-live-indicator] .live-label"));
    }

    /** The number of the last feed message the page applied; empty before the first one. */
    String lastFeedSeq() {
        return driver.findElement(By.cssSelector("[data-live-indicator]")).getAttribute("data-last-seq");
    }

    void awaitLiveStatus(String expected) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(this::liveStatus, expected::equals);
    }

    void awaitLive() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(this::liveStatus, "Live"::equals);
    }

    /**
     * Types part of a name (or a whole address) into "To" and picks the person from the suggestions, which show their address
     * masked.
     */
    void chooseReceiver(String query, Person person) {
        type(By.id("send-receiver"), query);
        click(By.cssSelector("#receiver-options li[data-user-id='" + person.account() + "']"));
        eventually()
                .until(() -> text(By.cssSelector("[data-chosen-receiver]")), shown -> shown.contains(person.name()));
    }

    void typeAmount(String amount) {
        type(By.id("send-amount"), amount);
    }

    /** What the send form says under the amount: the fee and total, or what is wrong. */
    String sendCheck() {
        return text(By.cssSelector("[data-send-check]"));
    }

    void awaitSendCheck(String expected) {
        eventually().until(this::sendCheck, expected::equals);
    }

    void send() {
        click(By.cssSelector(".send-card button[type=submit]"));
    }

    void topUp(String amount) {
        type(By.id("top-up-amount"), amount);
        click(By.cssSelector(".top-up-card button[type=submit]"));
    }

    List<Row> history() {
        return driver.findElements(By.cssSelector("li.entry")).stream()
                .map(entry -> new Row(
                        entry.getAttribute("data-transfer-id"),
                        entry.getAttribute("data-direction"),
                        entry.getAttribute("data-status"),
                        entry.findElement(By.cssSelector(".entry-title"))
                                .getText()
                                .strip(),
                        entry.findElement(By.cssSelector(".amount-shown"))
                                .getText()
                                .strip(),
                        entry.findElements(By.cssSelector("[data-reason]")).stream()
                                .map(reason -> reason.getText().strip())
                                .findFirst()
                                .orElse(null)))
                .toList();
    }

    Row awaitEntry(Predicate<Row> expected) {
        return eventually()
                .until(() -> history().stream().filter(expected).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    void scrollToTheEnd() {
        driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
    }

    /** Leaves a mark in this page's JavaScript world; a reload would wipe it. */
    void markThisPageLoad() {
        driver.executeScript("window.__sameDocument = true");
    }

    boolean isTheMarkedPageLoad() {
        return Boolean.TRUE.equals(driver.executeScript("return window.__sameDocument === true"));
    }

    /** From now on, remembers every status each history line shows, however briefly. */
    void recordStatuses() {
        driver.executeScript(
                """
                window.__statuses = {};
                const note = () => document.querySelectorAll('li.entry').forEach(entry => {
                  const seen = window.__statuses[entry.dataset.transferId] ??= [];
                  if (seen[seen.length - 1] !== entry.dataset.status) seen.push(entry.dataset.status);
                });
                new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
                note();""");
    }

    @SuppressWarnings("unchecked")
    List<String> statusesSeen(String transferId) {
        var seen = driver.executeScript("return (window.__statuses || {})[arguments[0]] || []", transferId);
        return (List<String>) seen;
    }
}
