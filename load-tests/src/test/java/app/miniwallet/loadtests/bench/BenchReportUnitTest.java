package app.miniwallet.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's numbers from made-up results, without running anything. */
class BenchReportUnitTest {

    @Test
    void opensWithTheWalletAgainstTheSeedShapedServiceAndItsTargets() {
        var results = results(
                List.of(searched(Scenario.UNIFORM, 1_200), searched(Scenario.HOT_RECEIVER, 2_000)),
                List.of(searched(Scenario.UNIFORM, 2_400), searched(Scenario.HOT_RECEIVER, 900)));

        var markdown = new BenchReport(results).markdown();

        var firstSection = markdown.substring(markdown.indexOf("\n## "));
        assertThat(firstSection).startsWith("\n## The wallet against the seed-shaped service\n");
        assertThat(markdown)
                .contains("| uniform | 1,200 | 2,400 | 0.50× | ≥ 1.0× | **missed** |")
                .contains("| hot-receiver | 2,000 | 900 | 2.22× | ≥ 2.0× | met |")
                .contains("## Seed-shaped service (the HTTP baseline)")
                .contains("Rate search, uniform: 2400/s → 2,400/s");
        // no pgbench run, no table against it
        assertThat(markdown).doesNotContain("## Against the seed's SQL alone (pgbench)");
    }

    @Test
    void leavesTheRatioOpenWhereASideHasNoMaximum() {
        var results = results(List.of(searched(Scenario.UNIFORM, 1_200)), List.of());

        assertThat(new BenchReport(results).markdown())
                .contains("| uniform | 1,200 | – | – | ≥ 1.0× | – |")
                .doesNotContain("## Seed-shaped service (the HTTP baseline)");
    }

    /** An outcome whose search sustained {@code rate} and measured at half of it. */
    private static RateSearch.Outcome searched(Scenario scenario, int rate) {
        var step = new RateSearch.Step(rate, 10L * rate, 10L * rate, 0, 10L * rate, 0, 5, 5, rate, "");
        return new RateSearch.Outcome(
                scenario, List.of(step), rate, new LoadRun(scenario, rate / 2, Duration.ofSeconds(1), 0));
    }

    private static BenchResults results(List<RateSearch.Outcome> wallet, List<RateSearch.Outcome> seedService) {
        var options = BenchCommand.parse(
                "--output", Path.of("target", "bench-report-unit-test").toString());
        return new BenchResults(
                Instant.parse("2026-12-07T12:00:00Z"),
                Duration.ofMinutes(30),
                new Machine("a CPU", 2, 8_192, "Linux", "17", "18", "4.2"),
                options,
                Map.of(),
                List.of(),
                wallet,
                List.of(),
                List.of(),
                "CLEAN",
                true,
                seedService);
    }
}
