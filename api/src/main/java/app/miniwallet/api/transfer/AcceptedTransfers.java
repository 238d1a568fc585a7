package app.miniwallet.api.transfer;

import app.miniwallet.api.outbox.Outbox;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.platform.background.BackgroundLoop;
import app.miniwallet.platform.tracing.Traces;
import app.miniwallet.platform.tracing.TransferLogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes accepted transfers with their outbox messages, many requests to one transaction (group commit). Request
 * threads hand their transfer over and wait; one writer thread takes whatever has gathered meanwhile and writes it
 * with three statements and one commit, however many it is. Under load that replaces four round trips and a commit
 * per request with a share of one batch; alone, a request waits for nothing but its own write.
 *
 * <p>One requester's submissions take turns across every api instance: the batch first takes a transaction-scoped
 * advisory lock per requester (in key order, so two instances never deadlock), and reads the acceptance time only
 * then, from the database's clock (one clock for all instances). So a requester's acceptance times, outbox order and
 * commit order agree, and the processor applies their transfers in the order they were accepted, even when they were
 * sent at once.
 */
@Component
class AcceptedTransfers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AcceptedTransfers.class);
    private static final int MAX_BATCH = 256;
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final Transfers transfers;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Map<TransferKind, Counter> accepted = new EnumMap<>(TransferKind.class);
    private final Traces traces;
    private final BlockingQueue<Acceptance> queue = new LinkedBlockingQueue<>();
    private final BackgroundLoop writer = new BackgroundLoop(
            "accepted-transfers-writer",
            // a fallback only: each submission wakes the writer
            Duration.ofMillis(200),
            Duration.ofSeconds(WRITE_TIMEOUT_SECONDS),
            keepGoing -> writeGathered());

    AcceptedTransfers(
            Transfers transfers,
            Outbox outbox,
            TransactionTemplate transaction,
            JsonMapper json,
            Traces traces,
            MeterRegistry registry) {
        this.transfers = transfers;
        this.outbox = outbox;
        this.transaction = transaction;
        this.json = json;
        for (var kind : TransferKind.values()) {
            accepted.put(
                    kind,
                    Counter.builder("wallet.transfers.accepted")
                            .description("Transfers written as PENDING with their outbox message (committed)")
                            .tag("kind", kind.name())
                            .register(registry));
        }
        this.traces = traces;
    }

    /**
     * Writes the transfer that {@code acceptedAt} makes of its acceptance time; returns it once committed, or empty
     * when a concurrent request with the same idempotency key was written first (then that one is the answer).
     *
     * @throws TransientDataAccessResourceException when the api is stopping or the write did not finish in time: the
     *     client may retry with the same idempotency key (a 503), whether or not this write commits later
     */
    Optional<Transfer> write(AccountId requestedBy, Function<Instant, Transfer> acceptedAt, String idempotencyKey) {
        if (!writer.isRunning()) {
            throw new TransientDataAccessResourceException("the api is stopping; no transfer is accepted any more");
        }
        // read on the request's thread: the writer thread has no trace of its own requests
        var acceptance = new Acceptance(
                requestedBy, acceptedAt, idempotencyKey, traces.currentTraceparent(), new CompletableFuture<>());
        queue.add(acceptance);
        if (!writer.isRunning() && queue.remove(acceptance)) {
            // stop() drained the queue between the check and the add: nobody would write it
            throw new TransientDataAccessResourceException("the api is stopping; no transfer is accepted any more");
        }
        writer.wakeUp();
        try {
            var written = acceptance.written().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            written.ifPresent(AcceptedTransfers::logAccepted);
            return written;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("could not write the transfer", e.getCause());
        } catch (TimeoutException e) {
            throw new TransientDataAccessResourceException(
                    "the transfer was not written within " + WRITE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDataAccessResourceException("interrupted while the transfer was written", e);
        }
    }

    static void logAccepted(Transfer transfer) {
        try (var context = TransferLogContext.of(transfer.id())) {
            log.info(
                    "Transfer {} accepted: {} of {} from account {} to {}",
                    transfer.id(),
                    transfer.kind(),
                    transfer.amount(),
                    transfer.senderId(),
                    transfer.receiverId());
        }
    }

    /**
     * Writes whatever has gathered, up to a batch; returns whether it found any. A batch the database refused fails
     * each of its requests, not the writer.
     */
    private boolean writeGathered() {
        var batch = new ArrayList<Acceptance>(MAX_BATCH);
        queue.drainTo(batch, MAX_BATCH);
        if (batch.isEmpty()) {
            return false;
        }
        try {
            writeBatch(batch);
        } catch (RuntimeException e) {
            // the database refused the batch (it is down, or a constraint): every request in it hears so
            log.warn("Could not write {} accepted transfers: {}", batch.size(), e.toString());
            batch.forEach(acceptance -> acceptance.written().completeExceptionally(e));
        }
        return true;
    }

    private void writeBatch(List<Acceptance> batch) {
        var written = transaction.execute(status -> {
            var turnsTaken = transfers.takeTurnsOf(
                    batch.stream().map(Acceptance::requestedBy).toList());
            var accepted = new ArrayList<Transfer>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                // a microsecond apart, so one requester's transfers in one batch keep their order by time too
                accepted.add(batch.get(i).acceptedAt().apply(turnsTaken.plus(i, ChronoUnit.MICROS)));
            }
            var inserted = transfers.insertAccepted(
                    accepted, batch.stream().map(Acceptance::idempotencyKey).toList());
            var messages = new ArrayList<Outbox.Message>(inserted.size());
            for (int i = 0; i < accepted.size(); i++) {
                var transfer = accepted.get(i);
                if (inserted.contains(transfer.id())) {
                    var request = transfer.requested();
                    messages.add(new Outbox.Message(
                            Topics.TRANSFER_REQUESTS,
                            request.requestKey(),
                            json.writeValueAsString(request),
                            batch.get(i).traceparent()));
                }
            }
            outbox.appendAll(messages);
            var results = new ArrayList<Optional<Transfer>>(accepted.size());
            accepted.forEach(transfer ->
                    results.add(inserted.contains(transfer.id()) ? Optional.of(transfer) : Optional.empty()));
            return results;
        });
        for (int i = 0; i < batch.size(); i++) {
            written.get(i).ifPresent(transfer -> accepted.get(transfer.kind()).increment());
            batch.get(i).written().complete(written.get(i));
        }
    }

    @Override
    public void start() {
        writer.start();
    }

    /**
     * Refuses new transfers, lets the writer finish its batch, then writes what is still waiting; one that slips in
     * after that fails at once rather than at its timeout. If the writer's batch outlives the stop timeout (a hung
     * database), what waits fails at once instead: the client retries with its idempotency key.
     */
    @Override
    public void stop() {
        if (writer.stopAndJoin()) {
            while (writeGathered()) {
                // until none is left
            }
        }
        var stranded = new ArrayList<Acceptance>();
        queue.drainTo(stranded);
        stranded.forEach(acceptance -> acceptance
                .written()
                .completeExceptionally(
                        new TransientDataAccessResourceException("the api stopped before the transfer was written")));
    }

    @Override
    public boolean isRunning() {
        return writer.isRunning();
    }

    @Override
    public int getPhase() {
        // starts before the web server takes requests; stops after it finished the ones in flight
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private record Acceptance(
            AccountId requestedBy,
            Function<Instant, Transfer> acceptedAt,
            String idempotencyKey,
            @Nullable String traceparent,
            CompletableFuture<Optional<Transfer>> written) {}
}
