package app.miniwallet.loadtests.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a scenario's maximum sustainable rate, then measures it at half that rate. A rate is sustained when the pipeline
 * keeps up with it for a whole step: nearly every request accepted, every accepted transfer completed, and latencies
 * that stay bounded instead of growing with a backlog. The search doubles the rate until a step fails, then bisects.
 */
final class RateSearch {

    /** At most this share of requests may go unaccepted (refused, failed, or not sent because too many were open). */
    static final double MAX_NOT_ACCEPTED = 0.005;
    /** A submit p99 above this means requests queue in front of the api. */
    static final Duration MAX_SUBMIT_P99 = Duration.ofMillis(500);
    /** A submit→completed p99 above this means a backlog grows between the api and the processor. */
    static final Duration MAX_COMPLETED_P99 = Duration.ofSeconds(1);
    /** The search gives up below this rate. */
    static final int MIN_RATE = 10;
    /** How long to wait without any new result event before a step's missing results count as unfinished. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RateSearch.class);

    /** One step of the search. */
    record Step(
            int rate,
            long offered,
            long accepted,
            long notAccepted,
            long completed,
            long unfinished,
            double submitP99Millis,
            double completedP99Millis,
            double throughput,
            String verdict) {

        boolean sustained() {
            return verdict.isEmpty();
        }

        static Step of(LoadRun run) {
            var submitP99 = run.submitLatency().getValueAtPercentile(99) / 1_000.0;
            var completedP99 = run.completedLatency().getValueAtPercentile(99) / 1_000.0;
            var problems = new ArrayList<String>();
            if (run.notAcceptedCount() > MAX_NOT_ACCEPTED * run.offeredCount()) {
                problems.add(run.notAcceptedCount() + " not accepted");
            }
            if (run.unfinishedCount() > 0) {
                problems.add(run.unfinishedCount() + " without result");
            }
            if (submitP99 > MAX_SUBMIT_P99.toMillis()) {
                problems.add(String.format(Locale.ROOT, "submit p99 %.0f ms", submitP99));
            }
            if (completedP99 > MAX_COMPLETED_P99.toMillis()) {
                problems.add(String.format(Locale.ROOT, "completed p99 %.0f ms", completedP99));
            }
            return new Step(
                    run.rate(),
                    run.offeredCount(),
                    run.acceptedCount(),
                    run.notAcceptedCount(),
                    run.completedCount(),
                    run.unfinishedCount(),
                    submitP99,
                    completedP99,
                    run.completedThroughput(),
                    String.join(", ", problems));
        }
    }

    /**
     * A scenario's outcome.
     *
     * @param steps the search, in the order run; empty with a fixed rate
     * @param maxSustainedRate the highest rate sustained; 0 with a fixed rate
     * @param measured the measured run: at half the maximum, or at the fixed rate
     */
    record Outcome(Scenario scenario, List<Step> steps, int maxSustainedRate, LoadRun measured) {}

    private final OpenLoopLoad load;
    private final BenchOptions options;
    private final ResourceWatch watch;
    private final List<UUID> made;

    /** What is searched, before each phase's name: empty for the wallet, e.g. "seed-shaped service, " for another. */
    private final String system;

    RateSearch(OpenLoopLoad load, BenchOptions options, ResourceWatch watch, List<UUID> made) {
        this(load, options, watch, made, "");
    }

    RateSearch(OpenLoopLoad load, BenchOptions options, ResourceWatch watch, List<UUID> made, String system) {
        this.system = system;
        this.load = load;
        this.options = options;
        this.watch = watch;
        this.made = made;
    }

    Outcome run(Scenario scenario) {
        if (!options.searchesRates()) {
            var measured = measure(scenario, options.fixedRate(), options.steadyDuration());
            return new Outcome(scenario, List.of(), 0, measured);
        }
        var steps = new ArrayList<Step>();
        var good = 0;
        var bad = 0;
        for (var rate = options.startRate(); rate <= options.maxRate(); rate *= 2) {
            if (!sustains(scenario, rate, steps)) {
                bad = rate;
                break;
            }
            good = rate;
        }
        // not even the start rate: halve until a rate holds
        for (var rate = options.startRate() / 2; good == 0 && rate >= MIN_RATE; rate /= 2) {
            if (sustains(scenario, rate, steps)) {
                good = rate;
            } else {
                bad = rate;
            }
        }
        for (int i = 0; i < options.refinements() && bad > 0 && good > 0; i++) {
            var middle = (int) (Math.round((good + bad) / 2.0 / 10) * 10);
            if (middle <= good || middle >= bad) {
                break;
            }
            if (sustains(scenario, middle, steps)) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        var half = Math.max(1, (good == 0 ? options.startRate() / 2 : good / 2));
        log.info(
                "{}{}: highest sustained rate {}/s; measuring at {}/s for {} s",
                system,
                scenario.label(),
                good,
                half,
                options.steadyDuration().toSeconds());
        return new Outcome(scenario, steps, good, measure(scenario, half, options.steadyDuration()));
    }

    /** Unmeasured load, so that the first step does not pay for class loading and the JIT. */
    void warmUp(Scenario scenario, int rate, Duration duration) {
        if (duration.isZero()) {
            return;
        }
        log.info("{}warming up: {} at {}/s for {} s", system, scenario.label(), rate, duration.toSeconds());
        var run = load.run(scenario, rate, duration, SETTLE, 7);
        made.addAll(run.acceptedIds());
    }

    /**
     * Whether the rate holds; a rate that fails is tried once more, so that one disturbance (a collection, another
     * tenant's burst on a shared machine) does not decide the maximum.
     */
    private boolean sustains(Scenario scenario, int rate, List<Step> steps) {
        return step(scenario, rate, steps).sustained()
                || step(scenario, rate, steps).sustained();
    }

    private Step step(Scenario scenario, int rate, List<Step> steps) {
        var run = load.run(scenario, rate, options.stepDuration(), SETTLE, seed(scenario, rate));
        made.addAll(run.acceptedIds());
        var step = Step.of(run);
        steps.add(step);
        log.info(
                "{}{} at {}/s: {} accepted-and-completed/s, submit p99 {} ms, completed p99 {} ms{}",
                system,
                scenario.label(),
                rate,
                Math.round(step.throughput()),
                Math.round(step.submitP99Millis()),
                Math.round(step.completedP99Millis()),
                step.sustained() ? "" : " - not sustained: " + step.verdict());
        return step;
    }

    private LoadRun measure(Scenario scenario, int rate, Duration duration) {
        try (var recording = watch.begin(system + scenario.label() + " at " + rate + "/s")) {
            var run = load.run(scenario, rate, duration, SETTLE, seed(scenario, -rate));
            made.addAll(run.acceptedIds());
            return run;
        }
    }

    private static long seed(Scenario scenario, int rate) {
        return scenario.ordinal() * 1_000_003L + rate;
    }
}
