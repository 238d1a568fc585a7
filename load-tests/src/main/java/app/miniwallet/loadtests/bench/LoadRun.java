package app.miniwallet.loadtests.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one run at one constant arrival rate measured. Latencies are recorded in microseconds from the moment each
 * request was due to be sent (not when it was sent), so a stalled generator or server cannot hide its queueing delay
 * (no coordinated omission). Counts are kept per second of the run, by the second in which they happened.
 */
final class LoadRun {

    static final long HIGHEST_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);
    /** Seconds after the last send still counted: completions keep arriving while the pipeline catches up. */
    private static final int TAIL_SECONDS = 300;

    private final Scenario scenario;
    private final int rate;
    private final Duration duration;
    private final long startNanos;
    private final Recorder submitRecorder = new Recorder(HIGHEST_LATENCY_MICROS, 3);
    private final Recorder completedRecorder = new Recorder(HIGHEST_LATENCY_MICROS, 3);
    private final Histogram submitLatency = new Histogram(HIGHEST_LATENCY_MICROS, 3);
    private final Histogram completedLatency = new Histogram(HIGHEST_LATENCY_MICROS, 3);
    private final Recorder feedRecorder = new Recorder(HIGHEST_LATENCY_MICROS, 3);
    private final Histogram feedLatency = new Histogram(HIGHEST_LATENCY_MICROS, 3);
    private final List<EmailSample> emailSamples = new ArrayList<>(); // guarded by this
    private final AtomicLongArray offeredPerSecond;
    private final AtomicLongArray acceptedPerSecond;
    private final AtomicLongArray completedPerSecond;
    private final AtomicLongArray failedPerSecond;
    private final List<double[]> percentilesPerSecond = new ArrayList<>(); // guarded by this
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong overloaded = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Queue<UUID> acceptedIds = new ConcurrentLinkedQueue<>();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private volatile long sendingEndedNanos;
    private volatile long finishedNanos;
    private final AtomicLong lastCompletedNanos = new AtomicLong();

    LoadRun(Scenario scenario, int rate, Duration duration, long startNanos) {
        this.scenario = scenario;
        this.rate = rate;
        this.duration = duration;
        this.startNanos = startNanos;
        var seconds = (int) duration.toSeconds() + TAIL_SECONDS;
        offeredPerSecond = new AtomicLongArray(seconds);
        acceptedPerSecond = new AtomicLongArray(seconds);
        completedPerSecond = new AtomicLongArray(seconds);
        failedPerSecond = new AtomicLongArray(seconds);
    }

    Scenario scenario() {
        return scenario;
    }

    int rate() {
        return rate;
    }

    Duration duration() {
        return duration;
    }

    long startNanos() {
        return startNanos;
    }

    void offered(long intendedNanos) {
        offered.incrementAndGet();
        offeredPerSecond.incrementAndGet(second(intendedNanos));
    }

    void overloaded(long intendedNanos) {
        overloaded.incrementAndGet();
        failedPerSecond.incrementAndGet(second(intendedNanos));
    }

    void accepted(UUID transferId, long intendedNanos, long answeredNanos) {
        accepted.incrementAndGet();
        acceptedIds.add(transferId);
        acceptedPerSecond.incrementAndGet(second(answeredNanos));
        submitRecorder.recordValue(micros(answeredNanos - intendedNanos));
    }

    /** Accepted and decided in one answer (a service that decides in the request): both latencies are the submit's. */
    void completedInRequest(long intendedNanos, long answeredNanos) {
        accepted.incrementAndGet();
        acceptedPerSecond.incrementAndGet(second(answeredNanos));
        submitRecorder.recordValue(micros(answeredNanos - intendedNanos));
        completed(intendedNanos, answeredNanos, false);
    }

    void refused(int status, String body, long intendedNanos, long answeredNanos) {
        refused.incrementAndGet();
        failedPerSecond.incrementAndGet(second(answeredNanos));
        submitRecorder.recordValue(micros(answeredNanos - intendedNanos));
        if (refusals.size() < 5) {
            refusals.add("HTTP " + status + " " + body);
        }
    }

    void failed(Throwable failure, long answeredNanos) {
        failed.incrementAndGet();
        failedPerSecond.incrementAndGet(second(answeredNanos));
        if (refusals.size() < 5) {
            refusals.add(failure.toString());
        }
    }

    void completed(long intendedNanos, long eventNanos, boolean rejectedTransfer) {
        completed.incrementAndGet();
        if (rejectedTransfer) {
            rejected.incrementAndGet();
        }
        completedPerSecond.incrementAndGet(second(eventNanos));
        lastCompletedNanos.accumulateAndGet(eventNanos, Math::max);
        completedRecorder.recordValue(micros(eventNanos - intendedNanos));
    }

    /** A feed message reached a connected client, {@code micros} after the decision it announces. */
    void fedToClient(long micros) {
        feedRecorder.recordValue(Math.max(0, Math.min(HIGHEST_LATENCY_MICROS, micros)));
    }

    /**
     * The notifier's email metrics at {@code nanos}: emails pending, and emails sent since it started.
     *
     * @param secondOfRun the second of this run the sample was taken in
     */
    record EmailSample(int secondOfRun, long pending, long sentTotal) {}

    synchronized void emailsSampled(long nanos, long pending, long sentTotal) {
        emailSamples.add(new EmailSample(second(nanos), pending, sentTotal));
    }

    synchronized List<EmailSample> emailSamples() {
        return List.copyOf(emailSamples);
    }

    /** Called once a second (and once at the end): moves the latest interval into the totals. */
    synchronized void tick() {
        var submits = submitRecorder.getIntervalHistogram();
        var completions = completedRecorder.getIntervalHistogram();
        submitLatency.add(submits);
        completedLatency.add(completions);
        feedLatency.add(feedRecorder.getIntervalHistogram());
        percentilesPerSecond.add(new double[] {
            millis(submits.getValueAtPercentile(50)),
            millis(submits.getValueAtPercentile(99)),
            millis(completions.getValueAtPercentile(50)),
            millis(completions.getValueAtPercentile(99))
        });
    }

    void sendingEnded(long nanos) {
        sendingEndedNanos = nanos;
    }

    void finished(long nanos) {
        tick();
        finishedNanos = nanos;
    }

    long offeredCount() {
        return offered.get();
    }

    long acceptedCount() {
        return accepted.get();
    }

    long completedCount() {
        return completed.get();
    }

    long rejectedCount() {
        return rejected.get();
    }

    /** Requests that got no 202: refused by the api, failed in transport, or never sent because too many were open. */
    long notAcceptedCount() {
        return refused.get() + failed.get() + overloaded.get();
    }

    long overloadedCount() {
        return overloaded.get();
    }

    long unfinishedCount() {
        return accepted.get() - completed.get();
    }

    List<UUID> acceptedIds() {
        return List.copyOf(acceptedIds);
    }

    List<String> sampleRefusals() {
        return List.copyOf(refusals);
    }

    synchronized Histogram submitLatency() {
        return submitLatency.copy();
    }

    synchronized Histogram completedLatency() {
        return completedLatency.copy();
    }

    /** Decided (the processor's decision time) to the message's arrival at a connected client. */
    synchronized Histogram feedLatency() {
        // messages keep arriving after the run's last tick
        feedLatency.add(feedRecorder.getIntervalHistogram());
        return feedLatency.copy();
    }

    /** Per second of the run: submit p50, submit p99, completed p50, completed p99, in milliseconds. */
    synchronized List<double[]> percentilesPerSecond() {
        return List.copyOf(percentilesPerSecond);
    }

    /** How many seconds the per-second series cover: the sending, and the completions that trailed it. */
    int seconds() {
        var end = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
        return Math.min(offeredPerSecond.length(), second(end) + 1);
    }

    long[] offeredPerSecond() {
        return series(offeredPerSecond);
    }

    long[] acceptedPerSecond() {
        return series(acceptedPerSecond);
    }

    long[] completedPerSecond() {
        return series(completedPerSecond);
    }

    long[] failedPerSecond() {
        return series(failedPerSecond);
    }

    /** Accepted-and-completed transfers per second of the offered period. */
    double completedThroughput() {
        return Math.min(accepted.get(), completed.get()) / (double) duration.toSeconds();
    }

    /** How long the last completion trailed the end of sending. */
    Duration trailing() {
        return Duration.ofNanos(Math.max(0, lastCompletedNanos.get() - sendingEndedNanos));
    }

    private long[] series(AtomicLongArray counts) {
        var values = new long[seconds()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.get(i);
        }
        return values;
    }

    private int second(long nanos) {
        var second = (int) ((nanos - startNanos) / 1_000_000_000L);
        return Math.max(0, Math.min(offeredPerSecond.length() - 1, second));
    }

    private static long micros(long nanos) {
        return Math.max(0, Math.min(HIGHEST_LATENCY_MICROS, nanos / 1_000));
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
