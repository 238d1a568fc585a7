package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.platform.tracing.Traces;
import app.miniwallet.platform.tracing.Traces.RecordTrace;
import app.miniwallet.processor.transfer.AppliedBatch;
import app.miniwallet.processor.transfer.PublishedOffsets;
import app.miniwallet.processor.transfer.RecordPosition;
import app.miniwallet.processor.transfer.RequestedTransfer;
import app.miniwallet.processor.transfer.StoredTransfer;
import app.miniwallet.processor.transfer.TransferBatches;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies each poll of transfer requests as one batch. The container has already begun a Kafka
 * transaction; the batch's database transaction commits inside it, then the result events and dead
 * letters join it, and the container adds the consumer offsets and commits. If that Kafka commit
 * fails (fenced and timed-out commits included, see {@link FencedProducers}), the same records come back and
 * {@code TransferBatch} finds their transfers decided by them: their stored results are emitted again, unless
 * the failed-looking commit went through after all ({@link PublishedRecords}; a dead letter is not sent twice either).
 *
 * <p>Anything unexpected (database or broker down) is thrown, so the container rolls back and its
 * after-rollback processor retries the batch; nothing is skipped.
 *
 * <p>Each request continues the trace its record's {@code traceparent} header carries (the api's request that
 * accepted it): its work here is a span of that trace, its log line carries the trace id and its transfer id, and its
 * result event carries the trace on in a {@code traceparent} header of its own.
 */
class TransferRequestListener {

    private static final Logger log = LoggerFactory.getLogger(TransferRequestListener.class);

    private final TransferRequestReader reader;
    private final TransferBatches batches;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final PublishedOffsets publishedOffsets;
    private final DecisionMetrics metrics;
    private final Traces traces;

    TransferRequestListener(
            TransferRequestReader reader,
            TransferBatches batches,
            KafkaTemplate<String, String> kafka,
            JsonMapper json,
            PublishedOffsets publishedOffsets,
            DecisionMetrics metrics,
            Traces traces) {
        this.reader = reader;
        this.batches = batches;
        this.kafka = kafka;
        this.json = json;
        this.publishedOffsets = publishedOffsets;
        this.metrics = metrics;
        this.traces = traces;
    }

    @KafkaListener(
            id = "transfer-processor",
            topics = Topics.TRANSFER_REQUESTS,
            batch = "true",
            concurrency = "${wallet.processor.concurrency}",
            properties = "max.poll.records=${wallet.processor.max-poll-records}")
    void onRequests(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        // stored as timestamptz (microseconds), so the event's occurred_at equals completed_at
        var decidedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var requests = new ArrayList<RequestedTransfer>(records.size());
        var recordsByPosition = new HashMap<RecordPosition, ConsumerRecord<String, String>>();
        var tracesByPosition = new HashMap<RecordPosition, RecordTrace>();
        var deadLetters = new ArrayList<DeadLetter>();
        for (var record : records) {
            var reading = reader.read(record);
            if (reading instanceof TransferRequestReader.Readable readable) {
                var position = new RecordPosition(record.partition(), record.offset());
                requests.add(new RequestedTransfer(readable.transferId(), position));
                recordsByPosition.put(position, record);
                tracesByPosition.put(position, traces.continueFrom(record, "transfer decide"));
            } else if (reading instanceof TransferRequestReader.Unreadable unreadable) {
                deadLetters.add(DeadLetter.unreadable(record, unreadable.reason()));
            }
        }

        var applied = batches.apply(requests, decidedAt);
        metrics.applied(records.size(), applied);

        for (var unknown : applied.unknown()) {
            deadLetters.add(
                    DeadLetter.unknownTransfer(recordsByPosition.get(unknown.position()), unknown.transferId()));
        }
        // only records handled before can have been published: those that decided their transfer, and dead letters
        var suspects = new HashSet<Integer>();
        applied.redelivered()
                .forEach(transfer -> suspects.add(position(transfer).partition()));
        deadLetters.forEach(deadLetter -> suspects.add(deadLetter.record().partition()));
        var published = PublishedRecords.in(suspects, consumer, publishedOffsets);

        var deadLettersSent = sendDeadLetters(deadLetters, published);
        var events = sendResults(applied, published, tracesByPosition);
        logBatch(records.size(), applied, events, deadLettersSent);
        // a batch that failed before here leaves its spans unended: nothing keeps them, nothing exports them, and the
        // batch's next attempt has spans of its own
        tracesByPosition.values().forEach(RecordTrace::end);
    }

    private int sendDeadLetters(List<DeadLetter> deadLetters, PublishedRecords published) {
        var sent = 0;
        for (var deadLetter : deadLetters) {
            var record = deadLetter.record();
            if (!published.contains(record.partition(), record.offset())) {
                log.warn(
                        "Request at {}-{}@{} sent to {}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        Topics.TRANSFER_REQUESTS_DLT,
                        deadLetter.reason());
                kafka.send(deadLetter.toProducerRecord());
                sent++;
            }
        }
        return sent;
    }

    /**
     * The result events in record order, but for redelivered records whose results are out already; each in the trace
     * of the record that decided it.
     */
    private int sendResults(
            AppliedBatch applied, PublishedRecords published, Map<RecordPosition, RecordTrace> tracesByPosition) {
        var redelivered = Set.copyOf(applied.redelivered());
        var sent = 0;
        for (var result : applied.results()) {
            var position = position(result);
            var again = redelivered.contains(result);
            if (again && published.contains(position.partition(), position.offset())) {
                continue;
            }
            var event = result.resultEvent();
            var record = new ProducerRecord<>(Topics.TRANSFER_EVENTS, event.eventKey(), json.writeValueAsString(event));
            var trace = tracesByPosition.get(position);
            if (trace != null) {
                trace.writeTo(record.headers());
                try (var context = trace.open(result.id())) {
                    logDecided(result, again);
                }
            }
            kafka.send(record);
            sent++;
        }
        if (sent < applied.results().size()) {
            log.info(
                    "{} redelivered requests were published by a transaction that committed after all;"
                            + " their results are not emitted again",
                    applied.results().size() - sent);
        }
        return sent;
    }

    private static void logDecided(StoredTransfer transfer, boolean again) {
        log.info(
                "Transfer {} decided: {}{}{}",
                transfer.id(),
                transfer.status(),
                transfer.reason() == null ? "" : " " + transfer.reason(),
                again ? " (its result sent again)" : "");
    }

    private static RecordPosition position(StoredTransfer transfer) {
        return Objects.requireNonNull(transfer.decidedBy(), "a decided transfer names the record that decided it");
    }

    private static void logBatch(int records, AppliedBatch applied, int events, int deadLetters) {
        log.debug(
                "Batch of {} requests: {} decided, {} events, {} duplicates skipped, {} dead letters",
                records,
                applied.decided().size(),
                events,
                applied.duplicatesSkipped(),
                deadLetters);
    }
}
