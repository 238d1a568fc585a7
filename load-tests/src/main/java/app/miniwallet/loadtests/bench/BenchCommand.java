package app.miniwallet.loadtests.bench;

import app.miniwallet.loadtests.Cli;
import app.miniwallet.loadtests.Cli.NotNegative;
import app.miniwallet.loadtests.Cli.Positive;
import app.miniwallet.loadtests.Cli.Seconds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The benchmark as one command (load-tests/bench runs it): starts the stack or targets a running one, seeds it, runs
 * the seed-shaped baseline, the HTTP scenarios and the processor drain, checks every guarantee over what it did, and
 * writes the report. Exit status 0 when nothing was lost and the checker found nothing, 1 otherwise, 2 on bad options.
 * BenchCommand.properties says what each option means; {@link BenchOptions} is what they make.
 */
@Command(name = "load-tests/bench", resourceBundle = "app.miniwallet.loadtests.bench.BenchCommand")
public final class BenchCommand implements Callable<Integer> {

    // the stack: started here, fresh, unless these name a running one
    @Option(names = "--jdbc-url", paramLabel = "URL")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "NAME", defaultValue = "wallet")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "SECRET", defaultValue = "wallet")
    String dbPassword;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS")
    String bootstrapServers;

    @Option(names = "--api-url", paramLabel = "URL")
    String apiUrl;

    @Option(names = "--jwt-secret", paramLabel = "SECRET")
    String jwtSecret;

    @Option(names = "--api-env", paramLabel = "K=V")
    Map<String, String> apiEnvironment = new LinkedHashMap<>();

    @Option(names = "--processor-env", paramLabel = "K=V")
    Map<String, String> processorEnvironment = new LinkedHashMap<>();

    @Option(names = "--notifier-env", paramLabel = "K=V")
    Map<String, String> notifierEnvironment = new LinkedHashMap<>();

    @Option(names = "--jfr")
    boolean jfr;

    @Option(names = "--no-seed-service")
    boolean noSeedService;

    @Option(names = "--no-notifier")
    boolean noNotifier;

    // the load
    @Option(names = "--accounts", paramLabel = "N", defaultValue = "10000", converter = Positive.class)
    int accounts;

    @Option(
            names = "--scenarios",
            paramLabel = "SCENARIO",
            split = ",",
            defaultValue = "uniform,hot-receiver,hot-sender,mix",
            converter = ScenarioLabel.class)
    List<Scenario> scenarios;

    @Option(names = "--rate", paramLabel = "N", converter = Positive.class)
    int fixedRate;

    @Option(names = "--warmup-seconds", paramLabel = "N", defaultValue = "180", converter = Seconds.class)
    Duration warmup;

    @Option(names = "--step-seconds", paramLabel = "N", defaultValue = "10", converter = Seconds.class)
    Duration stepDuration;

    @Option(names = "--steady-seconds", paramLabel = "N", defaultValue = "30", converter = Seconds.class)
    Duration steadyDuration;

    @Option(names = "--start-rate", paramLabel = "N", defaultValue = "250", converter = Positive.class)
    int startRate;

    @Option(names = "--max-rate", paramLabel = "N", defaultValue = "20000", converter = Positive.class)
    int maxRate;

    @Option(names = "--refinements", paramLabel = "N", defaultValue = "3", converter = NotNegative.class)
    int refinements;

    // the processor drain
    @Option(names = "--drain", paramLabel = "N", defaultValue = "1000000", converter = NotNegative.class)
    int drainRecords;

    @Option(
            names = "--drain-scenarios",
            paramLabel = "SCENARIO",
            split = ",",
            defaultValue = "uniform,hot-receiver",
            converter = ScenarioLabel.class)
    List<Scenario> drainScenarios;

    // the seed-shaped baseline
    @Option(names = "--pgbench-seconds", paramLabel = "N", defaultValue = "20", converter = Seconds.class)
    Duration baselineDuration;

    @Option(
            names = "--pgbench-clients",
            paramLabel = "N",
            split = ",",
            defaultValue = "2,4,8,16,32",
            converter = Positive.class)
    List<Integer> baselineClients;

    @Option(names = "--pgbench", paramLabel = "PATH", defaultValue = "pgbench")
    String pgbench;

    // output
    @Option(names = "--output", paramLabel = "DIR", defaultValue = "load-tests/target/bench")
    Path output;

    @Option(names = "--summary-copy", paramLabel = "FILE")
    Path summaryCopy;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true)
    boolean help;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute(new BenchCommand(out), args, out, err);
    }

    /** The options of a run as the command line gives them; a {@link ParameterException} names a wrong one. */
    static BenchOptions parse(String... args) {
        var command = new BenchCommand(System.out);
        Cli.commandLine(command).parseArgs(args);
        return command.options();
    }

    @Override
    public Integer call() {
        var results = new Benchmark(options()).run();
        var report = new BenchReport(results);
        var html = report.write();
        out.println(report.markdown());
        out.println("Report: " + html.toAbsolutePath());
        return results.passed() ? 0 : 1;
    }

    private BenchOptions options() {
        var options = new BenchOptions(
                jdbcUrl,
                dbUser,
                dbPassword,
                bootstrapServers,
                apiUrl,
                jwtSecret,
                accounts,
                present(scenarios),
                fixedRate,
                warmup,
                stepDuration,
                steadyDuration,
                startRate,
                maxRate,
                refinements,
                drainRecords,
                present(drainScenarios),
                baselineDuration,
                List.copyOf(baselineClients),
                pgbench,
                output,
                summaryCopy,
                jfr,
                Map.copyOf(apiEnvironment),
                Map.copyOf(processorEnvironment),
                Map.copyOf(notifierEnvironment),
                // the baseline runs beside the services started here, not beside a running stack's
                !noSeedService && apiUrl == null,
                !noNotifier);
        if ((jdbcUrl == null) != (bootstrapServers == null)) {
            throw usage("give both --jdbc-url and --bootstrap-servers, or neither");
        }
        if (apiUrl != null && (jwtSecret == null || jdbcUrl == null)) {
            throw usage("--api-url needs --jwt-secret, --jdbc-url and --bootstrap-servers of the same stack");
        }
        if (apiUrl != null && options.runsDrain()) {
            throw usage("the processor drain restarts the transfer-processor, so it needs the services started here:"
                    + " add --drain 0 to use --api-url");
        }
        if (accounts < 3) {
            throw usage("--accounts must be at least 3 (a hot sender, a hot receiver, others)");
        }
        return options;
    }

    /** Without the {@code null} that an empty list ({@code --scenarios ""}) gives. */
    private static List<Scenario> present(List<Scenario> scenarios) {
        return scenarios.stream().filter(Objects::nonNull).toList();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A scenario's label; {@code null} for none, so that {@code --scenarios ""} runs no HTTP scenario. */
    static final class ScenarioLabel implements ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String label) {
            if (label.isBlank()) {
                return null;
            }
            try {
                return Scenario.ofLabel(label);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
