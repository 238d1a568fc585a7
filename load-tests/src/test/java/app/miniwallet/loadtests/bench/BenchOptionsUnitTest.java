package app.miniwallet.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The benchmark's command line, without running anything. */
class BenchOptionsUnitTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void defaultsToAFullRunOnAFreshStack() {
        assertThat(BenchCommand.parse())
                .isEqualTo(new BenchOptions(
                        null,
                        "wallet",
                        "wallet",
                        null,
                        null,
                        null,
                        10_000,
                        List.of(Scenario.UNIFORM, Scenario.HOT_RECEIVER, Scenario.HOT_SENDER, Scenario.MIX),
                        0,
                        Duration.ofSeconds(180),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        250,
                        20_000,
                        3,
                        1_000_000,
                        List.of(Scenario.UNIFORM, Scenario.HOT_RECEIVER),
                        Duration.ofSeconds(20),
                        List.of(2, 4, 8, 16, 32),
                        "pgbench",
                        Path.of("load-tests", "target", "bench"),
                        null,
                        false,
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        true,
                        true));
    }

    @Test
    void readsEveryKindOfValue() {
        var options = BenchCommand.parse(
                "--summary-copy",
                "load-tests/results/summary.md",
                "--jdbc-url",
                "jdbc:postgresql://db:5432/wallet",
                "--bootstrap-servers",
                "kafka:9092",
                "--api-url",
                "http://api:8080",
                "--jwt-secret",
                "s3cret",
                "--drain",
                "0",
                "--api-env",
                "JAVA_TOOL_OPTIONS=-XX:+UseParallelGC -Xmx1g",
                "--api-env",
                "A=B=C",
                "--processor-env=WALLET_X=1",
                "--notifier-env=WALLET_Y=2",
                "--jfr",
                "--accounts",
                "50",
                "--scenarios",
                "uniform, MIX",
                "--rate",
                "20",
                "--warmup-seconds",
                "0",
                "--pgbench-clients",
                "1,3",
                "--output",
                "/tmp/bench",
                "--summary-copy",
                "elsewhere.md");

        assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/wallet");
        assertThat(options.startsInfrastructure()).isFalse();
        assertThat(options.startsServices()).isFalse();
        assertThat(options.runsDrain()).isFalse();
        assertThat(options.apiEnvironment())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC -Xmx1g", "A", "B=C"));
        assertThat(options.processorEnvironment()).containsExactlyEntriesOf(Map.of("WALLET_X", "1"));
        assertThat(options.notifierEnvironment()).containsExactlyEntriesOf(Map.of("WALLET_Y", "2"));
        assertThat(options.jfr()).isTrue();
        assertThat(options.accounts()).isEqualTo(50);
        assertThat(options.scenarios()).containsExactly(Scenario.UNIFORM, Scenario.MIX);
        // a running stack's: the seed-shaped service runs only beside the services a run starts
        assertThat(options.seedServiceScenarios()).isEmpty();
        assertThat(options.searchesRates()).isFalse();
        assertThat(options.fixedRate()).isEqualTo(20);
        assertThat(options.warmup()).isZero();
        assertThat(options.baselineClients()).containsExactly(1, 3);
        assertThat(options.output()).isEqualTo(Path.of("/tmp/bench"));
        // load-tests/bench puts its --summary-copy before the caller's options: the last one counts
        assertThat(options.summaryCopy()).isEqualTo(Path.of("elsewhere.md"));
    }

    @Test
    void anEmptyListTurnsAPartOff() {
        var options = BenchCommand.parse("--scenarios", "", "--drain-scenarios", "", "--pgbench-seconds", "0");

        assertThat(options.scenarios()).isEmpty();
        assertThat(options.runsDrain()).isFalse();
        assertThat(options.runsBaseline()).isFalse();
    }

    @Test
    void theSeedShapedServiceRunsTheUniformAndHotReceiverScenariosUnlessTurnedOff() {
        assertThat(BenchCommand.parse().seedServiceScenarios())
                .containsExactly(Scenario.UNIFORM, Scenario.HOT_RECEIVER);
        assertThat(BenchCommand.parse("--scenarios", "hot-receiver,mix").seedServiceScenarios())
                .containsExactly(Scenario.HOT_RECEIVER);
        assertThat(BenchCommand.parse("--no-seed-service").seedServiceScenarios())
                .isEmpty();
    }

    @Test
    void theNotifierRunsUnlessTurnedOff() {
        assertThat(BenchCommand.parse().notifier()).isTrue();
        assertThat(BenchCommand.parse("--no-notifier").notifier()).isFalse();
    }

    @Test
    void aWrongValueNamesTheOption() {
        assertWrong("option '--accounts': expects a whole number, got 'many'", "--accounts", "many");
        assertWrong("option '--rate': must be at least 1, was 0", "--rate", "0");
        assertWrong("option '--refinements': must be at least 0, was -1", "--refinements", "-1");
        assertWrong("option '--step-seconds': must be at least 0, was -5", "--step-seconds", "-5");
        assertWrong("must be at least 1, was 0", "--pgbench-clients", "4,0");
        assertWrong("option '--pgbench-clients'", "--pgbench-clients", "4,0");
        assertWrong("no scenario hot; there are [uniform,", "--scenarios", "uniform,hot");
        assertWrong("option '--scenarios'", "--scenarios", "uniform,hot");
        assertWrong("'--api-env'", "--api-env", "NO_VALUE");
        assertWrong("--accounts must be at least 3", "--accounts", "2");
        assertWrong("give both --jdbc-url and --bootstrap-servers, or neither", "--jdbc-url", "jdbc:postgresql://db/w");
        assertWrong(
                "--api-url needs --jwt-secret",
                "--jdbc-url",
                "jdbc:postgresql://db/w",
                "--bootstrap-servers",
                "kafka:9092",
                "--api-url",
                "http://api:8080");
        assertWrong(
                "add --drain 0 to use --api-url",
                "--jdbc-url",
                "jdbc:postgresql://db/w",
                "--bootstrap-servers",
                "kafka:9092",
                "--api-url",
                "http://api:8080",
                "--jwt-secret",
                "s3cret");
    }

    @Test
    void aWrongOptionExitsTwoWithTheMistakeAndTheUsage() {
        assertThat(run("--warmup-seconds", "soon")).isEqualTo(2);
        assertThat(stderr())
                .contains("Invalid value for option '--warmup-seconds': expects a whole number, got 'soon'")
                .contains("usage: load-tests/bench [OPTIONS]");
        assertThat(stdout()).isEmpty();

        assertThat(run("--jdbc-url", "jdbc:postgresql://db/w")).isEqualTo(2);
        assertThat(stderr()).contains("give both --jdbc-url and --bootstrap-servers, or neither", "usage:");

        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertThat(run("--help")).isZero();

        var help = stdout().replaceAll("\\s+", " ");
        assertThat(help)
                .startsWith("usage: load-tests/bench [OPTIONS]")
                .contains("--accounts=N users seeded, verified and funded (default: 10000)")
                .contains(
                        "--scenarios=SCENARIO[,SCENARIO...] the HTTP load scenarios, in order (default: uniform,hot-receiver,")
                .contains("--api-env=K=V extra environment for the api this run starts (repeatable)")
                .contains("--jfr record JFR profiles")
                .contains("exit status: 0 when the run completed and the invariant checker found nothing, 1"
                        + " otherwise, 2 on a wrong option");
        for (var option :
                new CommandLine(new BenchCommand(null)).getCommandSpec().options()) {
            assertThat(help).contains(option.longestName());
            assertThat(option.description())
                    .as(option.longestName())
                    .singleElement()
                    .asString()
                    .isNotBlank();
            if (option.defaultValue() != null) {
                assertThat(help).contains("(default: " + option.defaultValue() + ")");
            }
        }
        assertThat(stderr()).isEmpty();
    }

    private static void assertWrong(String message, String... args) {
        assertThatThrownBy(() -> BenchCommand.parse(args))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining(message);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return BenchCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
