package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The invariant checker as a command against any running deployment: prints the report and exits
 * 0 when every guarantee holds, 1 on any violation, 2 when it could not check.
 *
 * <pre>
 * java -jar load-tests/target/load-tests-0.1.0-SNAPSHOT-exec.jar \
 *     --jdbc-url jdbc:postgresql://localhost:5432/wallet --db-user wallet --db-password wallet \
 *     --bootstrap-servers localhost:9092 [--expected-total-minor 0] [--settle-seconds 10] \
 *     [--users 1000,1001] [--transfer-ids-file accepted.txt] [--listed-per-kind 20]
 * </pre>
 */
public final class CheckCommand {

    static final int CLEAN = 0;
    static final int VIOLATED = 1;
    static final int NOT_CHECKED = 2;

    private static final String USAGE =
            """
            usage: java -jar load-tests-exec.jar [options]
              --jdbc-url URL              PostgreSQL of the wallet (jdbc:postgresql://localhost:5432/wallet)
              --db-user NAME              database user (wallet)
              --db-password SECRET        database password (wallet)
              --bootstrap-servers HOSTS   Kafka brokers (localhost:9092)
              --expected-total-minor N    what all balances must sum to, in cents (0)
              --settle-seconds N          wait up to N s for PENDING transfers and late events (10)
              --users ID,ID,...           only these users' accounts and transfers
              --transfer-ids-file PATH    only these transfers, one id per line (the ones that got 202)
              --listed-per-kind N         list at most N violations of each kind (20)
            exit status: 0 clean, 1 violations found, 2 could not check""";

    private CheckCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return NOT_CHECKED;
        }
        if (options.help()) {
            out.println(USAGE);
            return CLEAN;
        }
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(options.jdbcUrl());
        dataSource.setUser(options.dbUser());
        dataSource.setPassword(options.dbPassword());
        try {
            var report = new InvariantChecker(dataSource, options.bootstrapServers()).check(options.request());
            out.print(report);
            return report.isClean() ? CLEAN : VIOLATED;
        } catch (RuntimeException e) {
            // a report that could not be made must not read as a clean one
            err.println("could not check: " + e.getMessage());
            for (var cause = e.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by: " + cause);
            }
            return NOT_CHECKED;
        }
    }

    record Options(
            boolean help,
            String jdbcUrl,
            String dbUser,
            String dbPassword,
            String bootstrapServers,
            CheckRequest request) {

        private static final Set<String> NAMES = Set.of(
                "jdbc-url",
                "db-user",
                "db-password",
                "bootstrap-servers",
                "expected-total-minor",
                "settle-seconds",
                "users",
                "transfer-ids-file",
                "listed-per-kind");

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            var help = false;
            for (var i = 0; i < args.length; i++) {
                var arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    help = true;
                    continue;
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                var equals = arg.indexOf('=');
                String name;
                String value;
                if (equals > 0) {
                    name = arg.substring(2, equals);
                    value = arg.substring(equals + 1);
                } else {
                    name = arg.substring(2);
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
                values.put(name, value);
            }
            var request = CheckRequest.everything()
                    .expectingTotalMinor(number(values, "expected-total-minor", 0))
                    .settlingWithin(Duration.ofSeconds(number(values, "settle-seconds", 10)))
                    .listingAtMost((int) number(values, "listed-per-kind", CheckRequest.DEFAULT_LISTED_PER_KIND));
            if (values.containsKey("users")) {
                request = request.forUsers(Arrays.stream(values.get("users").split(","))
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .map(id -> AccountId.of(parseLong("users", id)))
                        .toList());
            }
            if (values.containsKey("transfer-ids-file")) {
                request = request.forTransfers(transferIds(Path.of(values.get("transfer-ids-file"))));
            }
            return new Options(
                    help,
                    values.getOrDefault("jdbc-url", "jdbc:postgresql://localhost:5432/wallet"),
                    values.getOrDefault("db-user", "wallet"),
                    values.getOrDefault("db-password", "wallet"),
                    values.getOrDefault("bootstrap-servers", "localhost:9092"),
                    request);
        }

        private static long number(Map<String, String> values, String name, long fallback) {
            return values.containsKey(name) ? parseLong(name, values.get(name)) : fallback;
        }

        private static long parseLong(String name, String text) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " expects a whole number, got " + text, e);
            }
        }

        private static List<TransferId> transferIds(Path file) {
            try (var lines = Files.lines(file)) {
                return lines.map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .map(TransferId::parse)
                        .toList();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read --transfer-ids-file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
