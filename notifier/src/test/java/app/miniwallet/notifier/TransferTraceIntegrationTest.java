package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publishTraced;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.accountEmail;
import static app.miniwallet.notifier.TransferEvents.completedTransfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The notifier's work on an event continues the trace in the event record's {@code traceparent} header: the lines
 * the feed and the email listeners log about a transfer carry that trace id and the transfer id.
 */
class TransferTraceIntegrationTest extends NotifierIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> LISTENERS = List.of(
            "app.miniwallet.notifier.feed.kafka.FeedEventListener",
            "app.miniwallet.notifier.email.kafka.EmailEventListener");

    private final LogLines logLines = new LogLines();

    @BeforeEach
    void watchTheListenersLogs() {
        logLines.start();
        LISTENERS.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).addAppender(logLines));
    }

    @AfterEach
    void stopWatching() {
        LISTENERS.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).detachAppender(logLines));
    }

    @Test
    void theFeedAndTheEmailLinesAboutATransferCarryItsTraceAndItsId() {
        var transfer = completedTransfer(newUser("Tracy Payer"), newUser("Trent Payee"), "3.00", "97.00", "3.00");
        var traceId = randomHex(32);

        publishTraced(transfer, "00-" + traceId + "-" + randomHex(16) + "-01");

        var transferId = transfer.transferId().toString();
        await().atMost(WAIT).untilAsserted(() -> assertThat(logLines.events)
                .filteredOn(line -> line.getFormattedMessage().startsWith("Transfer " + transferId))
                .extracting(line ->
                        line.getLoggerName().substring(line.getLoggerName().lastIndexOf('.') + 1))
                .contains("FeedEventListener", "EmailEventListener"));
        assertThat(logLines.events)
                .filteredOn(line -> line.getFormattedMessage().startsWith("Transfer " + transferId))
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry("transfer_id", transferId)
                        .containsEntry("traceId", traceId));
    }

    @Test
    void anAccountEmailContinuesTheTraceOfTheRequestThatAskedForIt() {
        var user = newUser("Tess Verify");
        var traceId = randomHex(32);

        publishTraced(
                accountEmail(user, Purpose.VERIFY_EMAIL, "token-" + traceId),
                "00-" + traceId + "-" + randomHex(16) + "-01");

        await().atMost(WAIT).untilAsserted(() -> assertThat(logLines.events)
                .filteredOn(line -> line.getFormattedMessage().contains("for user " + user.id() + " queued"))
                .singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry("traceId", traceId)
                        .doesNotContainKey("transfer_id")));
    }

    /** Log events as the listener threads append them, safe to read while they do. */
    private static final class LogLines extends AppenderBase<ILoggingEvent> {

        final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    private static String randomHex(int digits) {
        var hex = new StringBuilder(digits);
        while (hex.length() < digits) {
            hex.append(Integer.toHexString(ThreadLocalRandom.current().nextInt(16)));
        }
        return hex.toString();
    }
}
