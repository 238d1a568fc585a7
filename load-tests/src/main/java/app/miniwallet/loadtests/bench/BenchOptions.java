package app.miniwallet.loadtests.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does, as {@link BenchCommand} reads it from the command line. Without {@code --jdbc-url}/{@code
 * --bootstrap-servers} it starts PostgreSQL and Kafka itself; without {@code --api-url} it starts api and
 * transfer-processor from their executable jars (and only then can it run the processor drain, which stops and starts
 * the processor).
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
 * @param notifierEnvironment extra environment for a started notifier
 * @param seedService measure the seed-shaped service (the HTTP baseline) with the same load before the wallet's HTTP
 *     scenarios; only when this run starts the services
 * @param notifier run the notifier, its mail catcher and the feed sample during the HTTP scenarios, as shipped; false
 *     measures the money path alone (an experiment)
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
        Map<String, String> processorEnvironment,
        Map<String, String> notifierEnvironment,
        boolean seedService,
        boolean notifier) {

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

    /** The HTTP scenarios the seed-shaped service runs too: uniform and hot receiver, where the wallet runs them. */
    List<Scenario> seedServiceScenarios() {
        if (!seedService) {
            return List.of();
        }
        return scenarios.stream()
                .filter(scenario -> scenario == Scenario.UNIFORM || scenario == Scenario.HOT_RECEIVER)
                .toList();
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
        if (!notifierEnvironment.isEmpty()) {
            lines.add("notifier environment " + notifierEnvironment);
        }
        return lines;
    }
}
