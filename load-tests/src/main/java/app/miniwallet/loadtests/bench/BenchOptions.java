package app.miniwallet.loadtests.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does. Without {@code --jdbc-url}/{@code --bootstrap-servers} it starts PostgreSQL and Kafka
 * itself; without {@code --api-url} it starts api and transfer-processor from their executable jars (and only then can
 * it run the processor drain, which stops and starts the processor).
 *
 * @param jdbcUrl the wallet database of a running stack; {@code null}: start PostgreSQL
 * @param bootstrapServers Kafka of a running stack; {@code null}: start a broker
 * @param apiUrl a running api; {@code null}: start api and transfer-processor
 * @param jwtSecret the running api's WALLET_AUTH_JWT_SECRET; only with {@code apiUrl}
 * @param accounts users seeded (verified, funded) before the load
 * @param scenarios the HTTP load scenarios, in order
 * @param fixedRate requests per second for every scenario; 0: search each scenario's maximum sustainable rate, then
 *     measure at half of it
 * @param warmup load at twice the start rate before the first scenario, not measured: the services' JIT compilers
 *     need tens of thousands of requests before the code they run is the code that will be measured (see
 *     docs/performance-log.md, "Three minutes of warm-up before the benchmark's first scenario")
 * @param stepDuration how long each rate of the search lasts
 * @param steadyDuration how long the measured run at half the maximum (or at the fixed rate) lasts
 * @param startRate the search's first rate; it doubles until a rate is not sustained, then bisects
 * @param maxRate the search never offers more than this
 * @param refinements bisection steps after the doubling
 * @param drainRecords transfer requests pre-loaded for each drain scenario; 0: no drain benchmark
 * @param drainScenarios which traffic shapes the drain pre-loads
 * @param baselineDuration how long each pgbench run lasts; zero: no baseline
 * @param baselineClients pgbench client counts; the best is the baseline
 * @param pgbench the pgbench executable
 * @param output where the HTML report, the summary and the logs go
 * @param summaryCopy where the markdown summary is copied as well (the committed results); {@code null}: nowhere
 * @param jfr record a JFR profile of api and transfer-processor
 * @param apiEnvironment extra environment for a started api (tuning experiments without editing it)
 * @param processorEnvironment extra environment for a started transfer-processor
 */
record BenchOptions(
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String bootstrapServers,
        String apiUrl,
        String jwtSecret,
        int accounts,
        List<Scenario> scenarios,
        int fixedRate,
        Duration warmup,
        Duration stepDuration,
        Duration steadyDuration,
        int startRate,
        int maxRate,
        int refinements,
        int drainRecords,
        List<Scenario> drainScenarios,
        Duration baselineDuration,
        List<Integer> baselineClients,
        String pgbench,
        Path output,
        Path summaryCopy,
        boolean jfr,
        Map<String, String> apiEnvironment,
        Map<String, String> processorEnvironment) {

    static final String USAGE =
            """
            usage: load-tests/bench [options]
            The stack (default: started here, fresh, as the dev stack runs it)
              --jdbc-url URL            a running stack's PostgreSQL (jdbc:postgresql://host:5432/wallet)
              --db-user NAME            (wallet)
              --db-password SECRET      (wallet)
              --bootstrap-servers HOSTS a running stack's Kafka
              --api-url URL             a running api (then no processor drain: it needs to restart the processor)
              --jwt-secret SECRET       the running api's WALLET_AUTH_JWT_SECRET
              --api-env K=V             extra environment for the api this run starts (repeatable)
              --processor-env K=V       extra environment for the transfer-processor this run starts (repeatable)
              --jfr                     record JFR profiles of api and transfer-processor into the output directory
            The load
              --accounts N              users seeded, verified and funded (10000)
              --scenarios LIST          uniform,hot-receiver,hot-sender,mix (all four)
              --rate N                  offer N requests/s in every scenario instead of searching the maximum
              --warmup-seconds N        unmeasured load at twice the start rate before the first scenario (180)
              --step-seconds N          length of each step of the rate search (10)
              --steady-seconds N        length of the measured run at half the maximum (30)
              --start-rate N            first rate of the search (250); it doubles, then bisects
              --max-rate N              highest rate the search offers (20000)
              --refinements N           bisection steps (3)
            The processor drain
              --drain N                 requests pre-loaded in Kafka per drain scenario (1000000; 0: no drain)
              --drain-scenarios LIST    uniform,hot-receiver
            The seed-shaped baseline
              --pgbench-seconds N       length of each pgbench run (20; 0: no baseline)
              --pgbench-clients LIST    client counts tried; the best counts (2,4,8,16,32)
              --pgbench PATH            (pgbench)
            Output
              --output DIR              report, summary and logs (load-tests/target/bench)
              --summary-copy FILE       also write the markdown summary here (e.g. load-tests/results/summary.md)
            exit status: 0 when the run completed and the invariant checker found nothing, 1 otherwise""";

    static BenchOptions defaults() {
        return new BenchOptions(
                null,
                "wallet",
                "wallet",
                null,
                null,
                null,
                10_000,
                List.of(Scenario.values()),
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
                Map.of());
    }

    static BenchOptions parse(String[] args) {
        var options = defaults();
        var apiEnvironment = new LinkedHashMap<String, String>();
        var processorEnvironment = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            var name = args[i];
            if (name.equals("--jfr")) {
                options = options.withJfr(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            var value = args[++i];
            options = switch (name) {
                case "--jdbc-url" -> options.with(o -> o.jdbcUrl = value);
                case "--db-user" -> options.with(o -> o.dbUser = value);
                case "--db-password" -> options.with(o -> o.dbPassword = value);
                case "--bootstrap-servers" -> options.with(o -> o.bootstrapServers = value);
                case "--api-url" -> options.with(o -> o.apiUrl = value);
                case "--jwt-secret" -> options.with(o -> o.jwtSecret = value);
                case "--api-env" -> {
                    put(apiEnvironment, value);
                    yield options;
                }
                case "--processor-env" -> {
                    put(processorEnvironment, value);
                    yield options;
                }
                case "--accounts" -> options.with(o -> o.accounts = positive(name, value));
                case "--scenarios" -> options.with(o -> o.scenarios = Scenario.list(value));
                case "--rate" -> options.with(o -> o.fixedRate = positive(name, value));
                case "--warmup-seconds" -> options.with(o -> o.warmup = seconds(name, value));
                case "--step-seconds" -> options.with(o -> o.stepDuration = seconds(name, value));
                case "--steady-seconds" -> options.with(o -> o.steadyDuration = seconds(name, value));
                case "--start-rate" -> options.with(o -> o.startRate = positive(name, value));
                case "--max-rate" -> options.with(o -> o.maxRate = positive(name, value));
                case "--refinements" -> options.with(o -> o.refinements = notNegative(name, value));
                case "--drain" -> options.with(o -> o.drainRecords = notNegative(name, value));
                case "--drain-scenarios" -> options.with(o -> o.drainScenarios = Scenario.list(value));
                case "--pgbench-seconds" -> options.with(o -> o.baselineDuration = seconds(name, value));
                case "--pgbench-clients" ->
                    options.with(o -> o.baselineClients = Arrays.stream(value.split(","))
                            .map(count -> positive(name, count.strip()))
                            .toList());
                case "--pgbench" -> options.with(o -> o.pgbench = value);
                case "--output" -> options.with(o -> o.output = Path.of(value));
                case "--summary-copy" -> options.with(o -> o.summaryCopy = Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            };
        }
        options = options.with(o -> {
            o.apiEnvironment = Map.copyOf(apiEnvironment);
            o.processorEnvironment = Map.copyOf(processorEnvironment);
        });
        options.validate();
        return options;
    }

    boolean startsInfrastructure() {
        return jdbcUrl == null;
    }

    boolean startsServices() {
        return apiUrl == null;
    }

    boolean searchesRates() {
        return fixedRate == 0;
    }

    boolean runsBaseline() {
        return !baselineDuration.isZero() && !baselineClients.isEmpty();
    }

    boolean runsDrain() {
        return drainRecords > 0 && !drainScenarios.isEmpty();
    }

    BenchOptions withJfr(boolean jfr) {
        return with(o -> o.jfr = jfr);
    }

    /** Changes some settings of a copy, by name, so that tests and the parser read clearly. */
    BenchOptions with(java.util.function.Consumer<Builder> change) {
        var builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    private void validate() {
        if ((jdbcUrl == null) != (bootstrapServers == null)) {
            throw new IllegalArgumentException("give both --jdbc-url and --bootstrap-servers, or neither");
        }
        if (apiUrl != null && (jwtSecret == null || jdbcUrl == null)) {
            throw new IllegalArgumentException(
                    "--api-url needs --jwt-secret, --jdbc-url and --bootstrap-servers of the same stack");
        }
        if (apiUrl != null && runsDrain()) {
            throw new IllegalArgumentException(
                    "the processor drain restarts the transfer-processor, so it needs the services started here:"
                            + " add --drain 0 to use --api-url");
        }
        if (accounts < 3) {
            throw new IllegalArgumentException("--accounts must be at least 3 (a hot sender, a hot receiver, others)");
        }
    }

    private static void put(Map<String, String> environment, String assignment) {
        var equals = assignment.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("expected NAME=VALUE, got " + assignment);
        }
        environment.put(assignment.substring(0, equals), assignment.substring(equals + 1));
    }

    private static int positive(String name, String value) {
        var number = notNegative(name, value);
        if (number == 0) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return number;
    }

    private static int notNegative(String name, String value) {
        try {
            var number = Integer.parseInt(value.strip());
            if (number < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got " + value, e);
        }
    }

    private static Duration seconds(String name, String value) {
        return Duration.ofSeconds(notNegative(name, value));
    }

    /** The mutable twin the {@link #with} changes go through. */
    static final class Builder {
        String jdbcUrl;
        String dbUser;
        String dbPassword;
        String bootstrapServers;
        String apiUrl;
        String jwtSecret;
        int accounts;
        List<Scenario> scenarios;
        int fixedRate;
        Duration warmup;
        Duration stepDuration;
        Duration steadyDuration;
        int startRate;
        int maxRate;
        int refinements;
        int drainRecords;
        List<Scenario> drainScenarios;
        Duration baselineDuration;
        List<Integer> baselineClients;
        String pgbench;
        Path output;
        Path summaryCopy;
        boolean jfr;
        Map<String, String> apiEnvironment;
        Map<String, String> processorEnvironment;

        private Builder(BenchOptions o) {
            jdbcUrl = o.jdbcUrl;
            dbUser = o.dbUser;
            dbPassword = o.dbPassword;
            bootstrapServers = o.bootstrapServers;
            apiUrl = o.apiUrl;
            jwtSecret = o.jwtSecret;
            accounts = o.accounts;
            scenarios = o.scenarios;
            fixedRate = o.fixedRate;
            warmup = o.warmup;
            stepDuration = o.stepDuration;
            steadyDuration = o.steadyDuration;
            startRate = o.startRate;
            maxRate = o.maxRate;
            refinements = o.refinements;
            drainRecords = o.drainRecords;
            drainScenarios = o.drainScenarios;
            baselineDuration = o.baselineDuration;
            baselineClients = o.baselineClients;
            pgbench = o.pgbench;
            output = o.output;
            summaryCopy = o.summaryCopy;
            jfr = o.jfr;
            apiEnvironment = o.apiEnvironment;
            processorEnvironment = o.processorEnvironment;
        }

        private BenchOptions build() {
            return new BenchOptions(
                    jdbcUrl,
                    dbUser,
                    dbPassword,
                    bootstrapServers,
                    apiUrl,
                    jwtSecret,
                    accounts,
                    List.copyOf(scenarios),
                    fixedRate,
                    warmup,
                    stepDuration,
                    steadyDuration,
                    startRate,
                    maxRate,
                    refinements,
                    drainRecords,
                    List.copyOf(drainScenarios),
                    baselineDuration,
                    List.copyOf(baselineClients),
                    pgbench,
                    output,
                    summaryCopy,
                    jfr,
                    Map.copyOf(apiEnvironment),
                    Map.copyOf(processorEnvironment));
        }
    }

    /** Lists for the report: what was set, in words. */
    List<String> describe() {
        var lines = new ArrayList<String>();
        lines.add(accounts + " accounts");
        lines.add(
                searchesRates()
                        ? "rate search from " + startRate + "/s (doubling, " + refinements + " bisections, "
                                + stepDuration.toSeconds() + " s steps), then " + steadyDuration.toSeconds()
                                + " s at half the maximum"
                        : fixedRate + " requests/s for " + steadyDuration.toSeconds() + " s");
        if (!apiEnvironment.isEmpty()) {
            lines.add("api environment " + apiEnvironment);
        }
        if (!processorEnvironment.isEmpty()) {
            lines.add("transfer-processor environment " + processorEnvironment);
        }
        return lines;
    }
}
