package app.miniwallet.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.analytics.AnalyticsIntegrationTest;
import app.miniwallet.analytics.Workload;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** The page in Debian's headless chromium, as a data analyst would open it while transfers flow. */
class AnalyticsPageBrowserIT extends AnalyticsIntegrationTest {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the page test needs Debian's chromium and chromium-driver (" + BROWSER
                    + ", " + DRIVER + "): apt-get install chromium chromium-driver, as .ci/run does");
        }
        var options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--lang=en-US",
                        "--user-data-dir=" + Files.createTempDirectory("analytics-browser-profile-"),
                        "--window-size=1400,1000");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        browser = new ChromeDriver(service, options);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> client().get("/api/analytics/totals").status() == 200);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void asksForTheTokenThenShowsTheFiguresAndFollowsNewTransfers() {
        browser.get("http://127.0.0.1:" + port + "/");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(text("status")).contains("bearer token"));
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#token-form button")).click();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertPageShowsTheApisTotals());

        try (var workload = Workload.ofUsers(bootstrapServers(), 10)) {
            workload.commit(300, 50);
        }
        var before = client().figures("/api/analytics/totals").get("completed").asLong();
        await().atMost(Duration.ofMinutes(1))
                .until(() -> client().figures("/api/analytics/totals")
                                .get("completed")
                                .asLong()
                        > before);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertPageShowsTheApisTotals());

        assertThat(browser.findElements(By.cssSelector("#money-chart canvas"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#rejection-chart canvas")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#top-receivers li .amount")))
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(10);
        assertThat(browser.findElements(By.cssSelector("#top-senders li .amount")))
                .isNotEmpty();
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .as("console errors other than the first request's 401")
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filteredOn(entry -> !entry.getMessage().contains("401"))
                .isEmpty();
    }

    private void assertPageShowsTheApisTotals() {
        var totals = client().figures("/api/analytics/totals");
        assertThat(text("completed").replaceAll("\\D", ""))
                .isEqualTo(totals.get("completed").asString());
        assertThat(text("rejected").replaceAll("\\D", ""))
                .isEqualTo(totals.get("rejected").asString());
        assertThat(text("volume")).isEqualTo(totals.get("volume").asString());
        assertThat(text("fees")).isEqualTo(totals.get("fees").asString());
        assertThat(text("top-ups")).isEqualTo(totals.get("top_ups").asString());
        assertThat(text("status")).startsWith("Updated");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
