package app.miniwallet.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedBaselineUnitTest {

    private static final String PGBENCH_OUTPUT =
            """
            pgbench (15.14 (Debian 15.14-0+deb12u1), server 18.1)
            progress: 1.0 s, 4398.9 tps, lat 0.900 ms stddev 0.412, 0 failed
            progress: 2.0 s, 5120.0 tps, lat 0.780 ms stddev 0.301, 0 failed
            transaction type: load-tests/target/bench/pgbench/seed-uniform.sql
            scaling factor: 1
            query mode: prepared
            number of clients: 4
            number of threads: 2
            maximum number of tries: 1
            duration: 2 s
            number of transactions actually processed: 9519
            number of failed transactions: 3 (0.032%)
            latency average = 0.836 ms
            latency stddev = 0.363 ms
            initial connection time = 6.125 ms
            tps = 4781.352 (without initial connection time)
            """;

    @Test
    void readsTheRateLatencyFailuresAndProgressPgbenchPrints() {
        var run = SeedBaseline.parse(Scenario.UNIFORM, 4, PGBENCH_OUTPUT);

        assertThat(run.tps()).isEqualTo(4781.352);
        assertThat(run.latencyMillis()).isEqualTo(0.836);
        assertThat(run.failed()).isEqualTo(3);
        assertThat(run.tpsPerSecond()).containsExactly(4398.9, 5120.0);
    }

    @Test
    void theHotReceiverScriptSendsFourFifthsToAccountOneAndNeverToTheSender() {
        var script = SeedBaseline.script(Scenario.HOT_RECEIVER);

        assertThat(script)
                .contains("\\set b CASE WHEN :hot <= 80 THEN 1 WHEN :other >= :a THEN :other + 1 ELSE :other END")
                .contains("\\set a random(2, :users)")
                .contains("ORDER BY id FOR UPDATE")
                .contains("END;");
    }
}
