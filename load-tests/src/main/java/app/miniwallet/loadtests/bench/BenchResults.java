package app.miniwallet.loadtests.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured.
 *
 * @param loadAverages the machine's load average at the start of each phase
 * @param usages CPU per part of the system and PostgreSQL's activity during each measured phase
 * @param check the invariant checker's report, as it prints it
 * @param checkClean whether the checker found nothing
 * @param seedService the seed-shaped service's rate searches, with the same load as the wallet's
 */
record BenchResults(
        Instant startedAt,
        Duration took,
        Machine machine,
        BenchOptions options,
        Map<String, String> loadAverages,
        List<SeedBaseline.Run> baseline,
        List<RateSearch.Outcome> scenarios,
        List<ProcessorDrain.Result> drains,
        List<ResourceWatch.Usage> usages,
        String check,
        boolean checkClean,
        List<RateSearch.Outcome> seedService) {

    /** A run passes when nothing was lost and the checker found nothing; the targets are reported, not enforced. */
    boolean passed() {
        return checkClean
                && scenarios.stream().allMatch(outcome -> outcome.measured().unfinishedCount() == 0)
                && drains.stream().allMatch(drain -> drain.pending() == 0 && drain.decided() == drain.records());
    }

    SeedBaseline.Run bestBaseline(Scenario scenario) {
        return SeedBaseline.best(baseline, scenario);
    }

    RateSearch.Outcome scenario(Scenario scenario) {
        return scenarios.stream()
                .filter(outcome -> outcome.scenario() == scenario)
                .findFirst()
                .orElse(null);
    }

    RateSearch.Outcome seedService(Scenario scenario) {
        return seedService.stream()
                .filter(outcome -> outcome.scenario() == scenario)
                .findFirst()
                .orElse(null);
    }

    ProcessorDrain.Result drain(Scenario scenario) {
        return drains.stream()
                .filter(drain -> drain.scenario() == scenario)
                .findFirst()
                .orElse(null);
    }
}
