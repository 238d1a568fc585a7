package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.testsupport.kafka.TopicReader;
import app.miniwallet.testsupport.logging.CapturedLog;
import app.miniwallet.testsupport.stack.WalletTestStack;
import app.miniwallet.testsupport.tracing.TestTrace;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A request continues the trace in its record's {@code traceparent} header: the processor's log line about the
 * transfer carries that trace id and the transfer id, and its result event carries the trace on in its own header.
 */
@ProcessorIntegrationTest
class TransferTraceIntegrationTest {

    private static final String LISTENER = "app.miniwallet.processor.transfer.kafka.TransferRequestListener";

    @Autowired
    private ProcessorFixtures fixtures;

    private CapturedLog log;

    @BeforeEach
    void watchTheListenersLog() {
        log = CapturedLog.of(LISTENER);
    }

    @AfterEach
    void stopWatching() {
        log.close();
    }

    @Test
    void theResultEventAndTheLogLineCarryTheTraceOfTheRequestRecord() {
        var request =
                fixtures.pendingTransfer(fixtures.userWithBalance("50.00"), fixtures.userWithBalance("0.00"), "10.00");
        var trace = TestTrace.random();
        var traceId = trace.traceId();
        var record = new ProducerRecord<>(Topics.TRANSFER_REQUESTS, request.requestKey(), fixtures.toJson(request));
        record.headers().add("traceparent", trace.traceparent().getBytes(StandardCharsets.UTF_8));

        fixtures.awaitConsumed(fixtures.publishRaw(record));

        assertThat(traceparentOf(resultEventOf(request))).startsWith("00-" + traceId + "-");
        assertThat(decidedLinesAbout(request)).singleElement().satisfies(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry("traceId", traceId));
    }

    @Test
    void aRequestRecordWithoutTraceContextGetsATraceOfItsOwn() {
        var request =
                fixtures.pendingTransfer(fixtures.userWithBalance("50.00"), fixtures.userWithBalance("0.00"), "10.00");

        fixtures.publishAndAwaitDecision(request);

        var traceparent = traceparentOf(resultEventOf(request));
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertThat(decidedLinesAbout(request)).singleElement().satisfies(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry("traceId", traceparent.substring(3, 35)));
    }

    /** The listener's lines about the transfer being decided, each checked to name the transfer in its MDC. */
    private List<ILoggingEvent> decidedLinesAbout(TransferRequested request) {
        var transferId = request.transferId().toString();
        var lines = log.events().stream()
                .filter(line -> line.getFormattedMessage().startsWith("Transfer " + transferId + " decided"))
                .toList();
        assertThat(lines)
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry("transfer_id", transferId));
        return lines;
    }

    private static ConsumerRecord<String, String> resultEventOf(TransferRequested request) {
        return TopicReader.readCommitted(WalletTestStack.shared().kafkaBootstrapServers())
                .readToEnd(Topics.TRANSFER_EVENTS)
                .stream()
                .filter(event -> event.value().contains(request.transferId().toString()))
                .reduce((first, second) -> {
                    throw new AssertionError("two result events for " + request.transferId());
                })
                .orElseThrow(() -> new AssertionError("no result event for " + request.transferId()));
    }

    private static String traceparentOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("traceparent");
        assertThat(header).as("the traceparent header of the result event").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
