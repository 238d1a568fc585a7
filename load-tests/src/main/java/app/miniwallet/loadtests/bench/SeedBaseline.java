package app.miniwallet.loadtests.bench;

import app.miniwallet.loadtests.seedservice.SeedServiceTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's design as the baseline: every transfer its own database transaction that locks both users ordered by id
 * (FOR UPDATE), debits one, credits the other, inserts one ledger row and commits, driven by pgbench against the same
 * PostgreSQL server the pipeline uses. Its tables live in their own schema so they share the server, not the rows.
 */
final class SeedBaseline {

    static final String SCHEMA = "seed_baseline";

    private static final Logger log = LoggerFactory.getLogger(SeedBaseline.class);
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: ([0-9]+)");
    private static final Pattern PROGRESS = Pattern.compile("progress: [0-9.]+ s, ([0-9.]+) tps");

    /** One pgbench run: its transactions per second, average latency and the per-second rate it reported. */
    record Run(Scenario scenario, int clients, double tps, double latencyMillis, long failed, double[] tpsPerSecond) {}

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String pgbench;
    private final Path workDirectory;

    SeedBaseline(
            DataSource dataSource, String jdbcUrl, String user, String password, String pgbench, Path workDirectory) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.pgbench = pgbench;
        this.workDirectory = workDirectory;
    }

    /** The seed's transaction, as a pgbench script; {@code :users} is set on the command line. */
    static String script(Scenario scenario) {
        var pick =
                switch (scenario) {
                    case UNIFORM ->
                        """
                    \\set a random(1, :users)
                    \\set other random(1, :users - 1)
                    \\set b CASE WHEN :other >= :a THEN :other + 1 ELSE :other END
                    """;
                    case HOT_RECEIVER ->
                        """
                    \\set hot random(1, 100)
                    \\set a random(2, :users)
                    \\set other random(2, :users - 1)
                    \\set b CASE WHEN :hot <= 80 THEN 1 WHEN :other >= :a THEN :other + 1 ELSE :other END
                    """;
                    default ->
                        throw new IllegalArgumentException("the baseline has uniform and hot-receiver traffic only");
                };
        return pick
                + """
                \\set amount random(100, 1000)
                \\set fee (:amount * 15 + 500) / 1000
                BEGIN;
                SELECT id, balance FROM seed_baseline.users WHERE id IN (:a, :b) ORDER BY id FOR UPDATE;
                UPDATE seed_baseline.users SET balance = balance - :amount - :fee, updated_at = now() WHERE id = :a;
                UPDATE seed_baseline.users SET balance = balance + :amount, updated_at = now() WHERE id = :b;
                INSERT INTO seed_baseline.transactions (sender_id, receiver_id, amount, fee) VALUES (:a, :b, :amount, :fee);
                END;
                """;
    }

    List<Run> run(List<Scenario> scenarios, List<Integer> clientCounts, int users, Duration duration) {
        var runs = new ArrayList<Run>();
        for (var scenario : scenarios) {
            for (var clients : clientCounts) {
                prepare(users);
                runs.add(runPgbench(scenario, clients, users, duration));
            }
        }
        return runs;
    }

    /** The seed's tables (users with a balance, a ledger of transactions), fresh and vacuumed before every run. */
    private void prepare(int users) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            SeedServiceTables.createSchema(statement, SCHEMA, "bigint generated always as identity primary key");
            statement.execute("insert into seed_baseline.users (id, balance) select g, " + BulkSeed.USER_BALANCE_MINOR
                    + " from generate_series(1, " + users + ") g");
            statement.execute("vacuum analyze seed_baseline.users");
            statement.execute("checkpoint");
        } catch (SQLException e) {
            // CHECKPOINT needs more rights than the wallet user may have on a stack it did not start
            if (!"42501".equals(e.getSQLState())) {
                throw new IllegalStateException("could not prepare the baseline's tables", e);
            }
        }
    }

    private Run runPgbench(Scenario scenario, int clients, int users, Duration duration) {
        var database = URI.create(jdbcUrl.substring("jdbc:".length()));
        var script = workDirectory.resolve("seed-" + scenario.label() + ".sql");
        try {
            Files.createDirectories(workDirectory);
            Files.writeString(script, script(scenario), StandardCharsets.UTF_8);
            var command = List.of(
                    pgbench,
                    "--no-vacuum",
                    "--protocol=prepared",
                    "--client=" + clients,
                    "--jobs=" + Math.min(clients, Runtime.getRuntime().availableProcessors()),
                    "--time=" + duration.toSeconds(),
                    "--progress=1",
                    "--define=users=" + users,
                    "--file=" + script,
                    "--host=" + database.getHost(),
                    "--port=" + (database.getPort() < 0 ? 5432 : database.getPort()),
                    "--username=" + user,
                    database.getPath().substring(1));
            var output = workDirectory.resolve("pgbench-" + scenario.label() + "-" + clients + ".txt");
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("PGPASSWORD", password);
            log.info("pgbench, {}, {} clients, {} s", scenario.label(), clients, duration.toSeconds());
            var process = builder.start();
            var exit = process.waitFor();
            var text = Files.readString(output, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IllegalStateException("pgbench exited with " + exit + ":\n" + text);
            }
            var run = parse(scenario, clients, text);
            log.info("pgbench, {}, {} clients: {} tps", scenario.label(), clients, Math.round(run.tps()));
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + pgbench + " (install postgresql-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pgbench ran", e);
        }
    }

    static Run parse(Scenario scenario, int clients, String output) {
        var tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        var latency = LATENCY.matcher(output);
        var failed = FAILED.matcher(output);
        var perSecond = new ArrayList<Double>();
        var progress = PROGRESS.matcher(output);
        while (progress.find()) {
            perSecond.add(Double.parseDouble(progress.group(1)));
        }
        return new Run(
                scenario,
                clients,
                Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                failed.find() ? Long.parseLong(failed.group(1)) : 0,
                perSecond.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The best run of a scenario: the seed's design at its best client count. */
    static Run best(List<Run> runs, Scenario scenario) {
        return runs.stream()
                .filter(run -> run.scenario() == scenario)
                .max((left, right) -> Double.compare(left.tps(), right.tps()))
                .orElse(null);
    }

    static String describe(Run run) {
        return String.format(Locale.ROOT, "%.0f tps (%d clients)", run.tps(), run.clients());
    }
}
