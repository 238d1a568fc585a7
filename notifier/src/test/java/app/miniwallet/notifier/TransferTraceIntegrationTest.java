package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publishTraced;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.accountEmail;
import static app.miniwallet.notifier.TransferEvents.completedTransfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import app.miniwallet.testsupport.logging.CapturedLog;
import app.miniwallet.testsupport.tracing.TestTrace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier's work on an event continues the trace in the event record's {@code traceparent} header: the lines
 * the feed and the email listeners log about a transfer carry that trace id and the transfer id.
 */
class TransferTraceIntegrationTest extends NotifierIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> LISTENERS = List.of(
            "app.miniwallet.notifier.feed.kafka.FeedEventListener",
            "app.miniwallet.notifier.email.kafka.EmailEventListener");

    private CapturedLog log;

    @BeforeEach
    void watchTheListenersLogs() {
        log = CapturedLog.of(LISTENERS.toArray(String[]::new));
    }

    @AfterEach
    void stopWatching() {
        log.close();
    }

    @Test
    void theFeedAndTheEmailLinesAboutATransferCarryItsTraceAndItsId() {
        var transfer = completedTransfer(newUser("Tracy Payer"), newUser("Trent Payee"), "3.00", "97.00", "3.00");
        var trace = TestTrace.random();
        var traceId = trace.traceId();

        publishTraced(transfer, trace.traceparent());

        var transferId = transfer.transferId().toString();
        await().atMost(WAIT).untilAsserted(() -> assertThat(log.events())
                .filteredOn(line -> line.getFormattedMessage().startsWith("Transfer " + transferId))
                .extracting(line ->
                        line.getLoggerName().substring(line.getLoggerName().lastIndexOf('.') + 1))
                .contains("FeedEventListener", "EmailEventListener"));
        assertThat(log.events())
                .filteredOn(line -> line.getFormattedMessage().startsWith("Transfer " + transferId))
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry("transfer_id", transferId)
                        .containsEntry("traceId", traceId));
    }

    @Test
    void anAccountEmailContinuesTheTraceOfTheRequestThatAskedForIt() {
        var user = newUser("Tess Verify");
        var trace = TestTrace.random();
        var traceId = trace.traceId();

        publishTraced(accountEmail(user, Purpose.VERIFY_EMAIL, "token-" + traceId), trace.traceparent());

        await().atMost(WAIT).untilAsserted(() -> assertThat(log.events())
                .filteredOn(line -> line.getFormattedMessage().contains("for user " + user.id() + " queued"))
                .singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry("traceId", traceId)
                        .doesNotContainKey("transfer_id")));
    }
}
