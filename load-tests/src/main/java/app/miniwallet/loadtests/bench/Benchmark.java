package app.miniwallet.loadtests.bench;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.loadtests.check.CheckRequest;
import app.miniwallet.loadtests.check.InvariantChecker;
import app.miniwallet.loadtests.seedservice.SeedServiceTables;
import app.miniwallet.testsupport.auth.AccessTokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run, start to end: the stack, the seed, the seed-shaped baseline (pgbench), the processor drain, the
 * seed-shaped service (the HTTP baseline), the HTTP scenarios (on a database the drain has filled, as a wallet in use
 * is), and the invariant checker over every transfer the run made.
 */
final class Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(12);
    private static final Duration CHECK_SETTLE = Duration.ofMinutes(2);

    private final BenchOptions options;
    private final Map<String, String> loadAverages = new LinkedHashMap<>();

    Benchmark(BenchOptions options) {
        this.options = options;
    }

    BenchResults run() {
        var startedAt = Instant.now();
        var began = System.nanoTime();
        phase("start");
        try (var stack = BenchStack.start(options)) {
            var machine = Machine.describe(stack.dataSource());
            var checker =
                    new InvariantChecker(stack.dataSource(), stack.connections().kafkaBootstrapServers());
            var totalBefore = checker.totalBalanceMinor();
            var users = seed(stack);
            var made = new ArrayList<UUID>();
            var watch = new ResourceWatch(stack::processes, stack.dataSource());

            List<SeedBaseline.Run> baseline = List.of();
            if (options.runsBaseline()) {
                phase("baseline");
                baseline = new SeedBaseline(
                                stack.dataSource(),
                                stack.connections().jdbcUrl(),
                                stack.connections().databaseUser(),
                                stack.connections().databasePassword(),
                                options.pgbench(),
                                options.output().resolve("pgbench"))
                        .run(
                                List.of(Scenario.UNIFORM, Scenario.HOT_RECEIVER),
                                options.baselineClients(),
                                options.accounts(),
                                options.baselineDuration());
            }

            // the drain first: it starts the processor on its backlog, which saves a restart
            var drains = new ArrayList<ProcessorDrain.Result>();
            if (options.runsDrain()) {
                var drain = new ProcessorDrain(stack, users, watch);
                for (var scenario : options.drainScenarios()) {
                    phase("drain " + scenario.label());
                    drains.add(drain.run(scenario, options.drainRecords(), 31L * scenario.ordinal() + 17, made));
                }
                // millions of fresh rows would otherwise wake autovacuum, and dirty buffers a checkpoint, in the middle
                // of the HTTP scenarios
                phase("vacuum and checkpoint");
                vacuum(stack);
                stack.checkpoint();
            }

            var seedService = new ArrayList<RateSearch.Outcome>();
            if (!options.seedServiceScenarios().isEmpty()) {
                seedService.addAll(runSeedShapedService(stack, users, watch));
            }

            var outcomes = new ArrayList<RateSearch.Outcome>();
            if (!options.scenarios().isEmpty()) {
                stack.ensureProcessorRuns();
                // as shipped: the notifier feeds connected users and sends the emails while the wallet is measured
                phase("notifier and feed");
                stack.startNotifier();
                try (var completions = new CompletionWatcher(stack.connections().kafkaBootstrapServers());
                        var load = new OpenLoopLoad(stack.apiUrl(), users, completions);
                        var feed = stack.notifierUrl() == null
                                ? null
                                : FeedSample.connect(stack.notifierUrl().getPort(), users);
                        var emails = stack.notifierUrl() == null
                                ? null
                                : new EmailBacklogWatch(
                                        stack.notifierUrl(), stack.connections().operatorAuthorization())) {
                    if (feed != null) {
                        load.observe(feed::measuring);
                        load.observe(emails::measuring);
                    }
                    var search = new RateSearch(load, options, watch, made);
                    phase("warm-up");
                    search.warmUp(
                            options.scenarios().get(0),
                            options.searchesRates() ? 2 * options.startRate() : options.fixedRate(),
                            options.warmup());
                    for (var scenario : options.scenarios()) {
                        phase(scenario.label());
                        outcomes.add(search.run(scenario));
                    }
                }
            }

            phase("check");
            log.info("invariant check over the {} transfers this run made", made.size());
            var request = CheckRequest.everything()
                    .forTransfers(made.stream().map(TransferId::of).toList())
                    .expectingTotalMinor(totalBefore)
                    .settlingWithin(CHECK_SETTLE);
            if (!options.startsInfrastructure()) {
                // a shared database: judge this run's users only, not what other tests left behind
                request = request.forUsers(
                        Arrays.stream(users.ids()).mapToObj(AccountId::of).toList());
            }
            var report = checker.check(request);
            log.info("{}", report);
            phase("end");
            return new BenchResults(
                    startedAt,
                    Duration.ofNanos(System.nanoTime() - began),
                    machine,
                    options,
                    new LinkedHashMap<>(loadAverages),
                    baseline,
                    outcomes,
                    drains,
                    watch.usages(),
                    report.toString(),
                    report.isClean(),
                    seedService);
        }
    }

    /**
     * The HTTP baseline, measured as the wallet is, before it: the seed-shaped service on the same PostgreSQL, its users
     * the seeded wallet users with their balances as they are now, warmed up as long as the wallet, then the same rate
     * search with the same generator, users and tokens. Stopped afterwards, so that it takes no CPU from the wallet.
     * Its transfers are not the wallet's: the invariant checker does not see them.
     */
    private List<RateSearch.Outcome> runSeedShapedService(BenchStack stack, BenchUsers users, ResourceWatch watch) {
        var outcomes = new ArrayList<RateSearch.Outcome>();
        var scenarios = options.seedServiceScenarios();
        phase("seed-shaped service start");
        SeedServiceTables.createFromWalletAccounts(stack.dataSource(), users.ids());
        try (var load = OpenLoopLoad.decidingInRequest(stack.startSeedShapedService(), users)) {
            var search = new RateSearch(load, options, watch, new ArrayList<>(), "seed-shaped service, ");
            phase("seed-shaped service warm-up");
            search.warmUp(
                    scenarios.get(0),
                    options.searchesRates() ? 2 * options.startRate() : options.fixedRate(),
                    options.warmup());
            for (var scenario : scenarios) {
                phase("seed-shaped service, " + scenario.label());
                outcomes.add(search.run(scenario));
            }
        } finally {
            stack.stopSeedShapedService();
        }
        return outcomes;
    }

    private static void vacuum(BenchStack stack) {
        try (var connection = stack.dataSource().getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("vacuum (analyze) transfers, ledger_entries, accounts, outbox");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not vacuum after the drain", e);
        }
    }

    private BenchUsers seed(BenchStack stack) {
        var runId = Long.toString(System.currentTimeMillis(), 36);
        var ids = new BulkSeed(stack.dataSource()).seed(runId, options.accounts());
        var signer = new AccessTokenSigner(stack.connections().jwtSecret(), TOKEN_VALIDITY);
        var now = Instant.now();
        var tokens =
                Arrays.stream(ids).mapToObj(id -> signer.sign(id, now).value()).toArray(String[]::new);
        return new BenchUsers(ids, tokens);
    }

    private void phase(String name) {
        var load = Machine.loadAverage();
        loadAverages.put(name, load);
        log.info("== {} (load average {})", name, load);
    }
}
