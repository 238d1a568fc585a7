package app.miniwallet.systemtests.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: both paths are given, so Selenium never looks
 * for (or downloads) a browser or driver of its own. Each instance has a fresh profile, as a separate person's
 * browser would.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** A laptop and a phone (the size of a common phone's viewport in CSS pixels). */
    enum Screen {
        DESKTOP(1280, 1050),
        PHONE(390, 844);

        final int width;
        final int height;

        Screen(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Chromium start(Screen screen) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("wallet-browser-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a browser profile directory", e);
        }
        var options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--lang=en-US",
                        "--user-data-dir=" + profile,
                        "--window-size=" + screen.width + "," + screen.height);
        // the page's console, for the picture of a failed test
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // --window-size sets the outer window; make the page itself the size of the screen
        driver.manage().window().setSize(new Dimension(screen.width, screen.height));
        return new Chromium(driver, profile);
    }

    private static void requireInstalled() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver (" + BROWSER
                    + ", " + DRIVER + "): apt-get install chromium chromium-driver, as .ci/run does");
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save a screenshot to " + file, e);
        }
    }

    /** What the page wrote to its console since the last call. */
    String consoleLog() {
        var lines = new StringBuilder();
        driver.manage().logs().get(LogType.BROWSER).forEach(entry -> lines.append(entry.getLevel())
                .append(' ')
                .append(entry.getMessage())
                .append(System.lineSeparator()));
        return lines.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the browser profile " + profile, e);
        }
    }
}
