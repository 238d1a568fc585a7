package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.loadtests.Cli;
import app.miniwallet.loadtests.Cli.Positive;
import app.miniwallet.loadtests.Cli.Seconds;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The invariant checker as a command against any running deployment: prints the report and exits
 * 0 when every guarantee holds, 1 on any violation, 2 when it could not check (a wrong option too).
 * CheckCommand.properties says what each option means.
 *
 * <pre>
 * java -jar load-tests/target/load-tests-0.1.0-SNAPSHOT-exec.jar \
 *     --jdbc-url jdbc:postgresql://localhost:5432/wallet --db-user wallet --db-password wallet \
 *     --bootstrap-servers localhost:9092 [--expected-total-minor 0] [--settle-seconds 10] \
 *     [--users 1000,1001] [--transfer-ids-file accepted.txt] [--listed-per-kind 20]
 * </pre>
 */
@Command(name = "java -jar load-tests-exec.jar", resourceBundle = "app.miniwallet.loadtests.check.CheckCommand")
public final class CheckCommand implements Callable<Integer> {

    static final int CLEAN = 0;
    static final int VIOLATED = 1;
    static final int NOT_CHECKED = 2;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "jdbc:postgresql://localhost:5432/wallet")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "NAME", defaultValue = "wallet")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "SECRET", defaultValue = "wallet")
    String dbPassword;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", defaultValue = "localhost:9092")
    String bootstrapServers;

    @Option(names = "--expected-total-minor", paramLabel = "N", defaultValue = "0")
    long expectedTotalMinor;

    @Option(names = "--settle-seconds", paramLabel = "N", defaultValue = "10", converter = Seconds.class)
    Duration settleTimeout;

    @Option(names = "--users", paramLabel = "ID", split = "\\s*,\\s*", splitSynopsisLabel = ",")
    List<Long> users;

    @Option(names = "--transfer-ids-file", paramLabel = "PATH")
    Path transferIdsFile;

    @Option(names = "--listed-per-kind", paramLabel = "N", defaultValue = "20", converter = Positive.class)
    int listedPerKind;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true)
    boolean help;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute(new CheckCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        var request = request();
        try {
            var dataSource = new PGSimpleDataSource();
            dataSource.setURL(jdbcUrl);
            dataSource.setUser(dbUser);
            dataSource.setPassword(dbPassword);
            var report = new InvariantChecker(dataSource, bootstrapServers).check(request);
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

    CheckRequest request() {
        var request = CheckRequest.everything()
                .expectingTotalMinor(expectedTotalMinor)
                .settlingWithin(settleTimeout)
                .listingAtMost(listedPerKind);
        if (users != null) {
            request = request.forUsers(users.stream().map(AccountId::of).toList());
        }
        if (transferIdsFile != null) {
            request = request.forTransfers(transferIds());
        }
        return request;
    }

    private List<TransferId> transferIds() {
        try (var lines = Files.lines(transferIdsFile)) {
            return lines.map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .map(TransferId::parse)
                    .toList();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "cannot read --transfer-ids-file " + transferIdsFile + ": " + e.getMessage(),
                    e);
        }
    }
}
