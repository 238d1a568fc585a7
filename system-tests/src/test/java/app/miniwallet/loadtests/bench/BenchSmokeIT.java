package app.miniwallet.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark in miniature, so that {@code ./mvnw verify} proves it works without measuring anything: a few seconds
 * of load at a low rate against api and transfer-processor as processes of their own on the test stack, the same
 * against the seed-shaped service (the HTTP baseline) as a process of its own, a small processor drain, the notifier
 * with every seeded user connected to the live feed, the invariant checker, and the report. The seed-shaped baseline
 * (pgbench) is left out here: it needs
 * a client binary the build does not bring, and its output parsing has a unit test.
 */
class BenchSmokeIT {

    private static final int RATE = 20;
    private static final Duration STEADY = Duration.ofSeconds(3);
    private static final int DRAIN = 300;

    @Test
    void aShortRunAtALowRateLosesNothingAndWritesTheReport(@TempDir Path output) {
        var stack = WalletTestStack.shared();
        var options = BenchCommand.parse(
                "--jdbc-url", stack.jdbcUrl(),
                "--db-user", stack.username(),
                "--db-password", stack.password(),
                "--bootstrap-servers", stack.kafkaBootstrapServers(),
                "--accounts", "50",
                "--scenarios", "uniform,mix",
                "--rate", Integer.toString(RATE),
                "--warmup-seconds", "1",
                "--steady-seconds", Long.toString(STEADY.toSeconds()),
                "--drain", Integer.toString(DRAIN),
                "--drain-scenarios", "hot-receiver",
                "--pgbench-seconds", "0",
                "--output", output.toString());

        var results = new Benchmark(options).run();
        var html = new BenchReport(results).write();

        assertThat(results.checkClean()).as(results.check()).isTrue();
        assertThat(results.scenarios()).hasSize(2).allSatisfy(outcome -> {
            var run = outcome.measured();
            assertThat(run.offeredCount()).isEqualTo(RATE * STEADY.toSeconds());
            assertThat(run.acceptedCount()).as(run.sampleRefusals().toString()).isEqualTo(run.offeredCount());
            assertThat(run.completedCount()).isEqualTo(run.acceptedCount());
            assertThat(run.submitLatency().getTotalCount()).isEqualTo(run.acceptedCount());
            // every party of every transfer is connected: each decision reaches the feed
            assertThat(run.feedLatency().getTotalCount()).isPositive();
        });
        // the seed-shaped service ran the uniform scenario (mix has top-ups it does not serve), each 201 decided at
        // once,
        // and none of its transfers reached the invariant checker's list: they are not the wallet's
        assertThat(results.seedService()).singleElement().satisfies(outcome -> {
            var run = outcome.measured();
            assertThat(outcome.scenario()).isEqualTo(Scenario.UNIFORM);
            assertThat(run.offeredCount()).isEqualTo(RATE * STEADY.toSeconds());
            assertThat(run.completedCount()).as(run.sampleRefusals().toString()).isEqualTo(run.offeredCount());
            assertThat(run.acceptedIds()).isEmpty();
        });
        assertThat(results.drains()).singleElement().satisfies(drain -> {
            assertThat(drain.completed()).isEqualTo(DRAIN);
            assertThat(drain.pending()).isZero();
            assertThat(drain.perSecond()).isPositive();
        });
        assertThat(results.passed()).isTrue();
        assertThat(html).content().contains("<svg", "uniform at 20/s: throughput over time", "Processor drain");
        assertThat(output.resolve("summary.md"))
                .content()
                .contains("| uniform | – | 20/s |", "| mix | – | 20/s |", "| hot-receiver | 300 |", "CLEAN")
                .contains("## Live feed and emails")
                .contains("## The wallet against the seed-shaped service", "## Seed-shaped service (the HTTP baseline)")
                .containsPattern(
                        "\\| uniform \\| – \\| 20/s \\| [0-9.]+ / [0-9.]+ / [0-9.]+ / [0-9.]+ \\| 60 \\| 0 \\|");
    }
}
