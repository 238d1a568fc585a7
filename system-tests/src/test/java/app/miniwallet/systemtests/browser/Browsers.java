package app.miniwallet.systemtests.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browsers a test opens: each gets a fresh profile; when the test fails, every one of them is photographed into
 * target/browser-screenshots before it is closed.
 */
final class Browsers implements AfterTestExecutionCallback, AfterEachCallback {

    private static final Logger log = LoggerFactory.getLogger(Browsers.class);
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private final List<Chromium> open = new ArrayList<>();

    Chromium open(Chromium.Screen screen) {
        var browser = Chromium.start(screen);
        open.add(browser);
        return browser;
    }

    /** The browser this test opened {@code index}-th, counting from 0. */
    Chromium opened(int index) {
        return open.get(index);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            requireNoScriptErrors();
            return;
        }
        for (int index = 0; index < open.size(); index++) {
            var name = context.getRequiredTestMethod().getName() + "-browser-" + (index + 1);
            var file = SCREENSHOTS.resolve(name + ".png");
            try {
                open.get(index).screenshot(file);
                Files.writeString(
                        SCREENSHOTS.resolve(name + "-console.log"),
                        open.get(index).consoleLog());
                log.info("the failed test's browser {} is pictured in {}", index + 1, file.toAbsolutePath());
            } catch (IOException e) {
                context.getExecutionException().get().addSuppressed(e);
            } catch (RuntimeException e) {
                // the test's own failure is the one to report; a browser that cannot take a picture only adds to it
                context.getExecutionException().get().addSuppressed(e);
            }
        }
    }

    /**
     * A page that passed its test but threw in its scripts is still broken somewhere. Failed requests are not
     * counted: a refused transfer or a feed that is down is logged by the browser and is part of the tests.
     */
    private void requireNoScriptErrors() {
        for (var browser : open) {
            var uncaught = browser.consoleLog()
                    .lines()
                    .filter(line -> line.contains("Uncaught"))
                    .toList();
            if (!uncaught.isEmpty()) {
                throw new AssertionError("the page threw in its scripts:" + System.lineSeparator()
                        + String.join(System.lineSeparator(), uncaught));
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(Chromium::close);
        open.clear();
    }
}
