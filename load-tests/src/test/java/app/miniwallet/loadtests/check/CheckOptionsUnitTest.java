package app.miniwallet.loadtests.check;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.loadtests.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The checker's command line, without a database or Kafka: every wrong option fails before it connects. */
class CheckOptionsUnitTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void defaultsToTheDevStackAndEverything() {
        var command = parse();

        assertThat(command.jdbcUrl).isEqualTo("jdbc:postgresql://localhost:5432/wallet");
        assertThat(command.dbUser).isEqualTo("wallet");
        assertThat(command.dbPassword).isEqualTo("wallet");
        assertThat(command.bootstrapServers).isEqualTo("localhost:9092");
        var request = command.request();
        assertThat(request.users()).isNull();
        assertThat(request.transfers()).isNull();
        assertThat(request.expectedTotalMinor()).isZero();
        assertThat(request.settleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(request.listedPerKind()).isEqualTo(CheckRequest.DEFAULT_LISTED_PER_KIND);
    }

    @Test
    void readsEveryKindOfValue(@TempDir Path directory) throws IOException {
        var transfer = new TransferId(UUID.randomUUID());
        var file = Files.writeString(directory.resolve("accepted.txt"), "\n " + transfer + " \n\n");

        var command = parse(
                "--jdbc-url=jdbc:postgresql://db:5432/wallet",
                "--db-user",
                "checker",
                "--bootstrap-servers",
                "kafka:9092",
                "--expected-total-minor",
                "-500",
                "--settle-seconds",
                "0",
                "--users",
                "1000, 1001",
                "--transfer-ids-file",
                file.toString(),
                "--listed-per-kind",
                "5");

        assertThat(command.jdbcUrl).isEqualTo("jdbc:postgresql://db:5432/wallet");
        assertThat(command.dbUser).isEqualTo("checker");
        assertThat(command.bootstrapServers).isEqualTo("kafka:9092");
        var request = command.request();
        assertThat(request.users()).containsExactlyInAnyOrder(AccountId.of(1000), AccountId.of(1001));
        assertThat(request.transfers()).containsExactly(transfer);
        assertThat(request.expectedTotalMinor()).isEqualTo(-500);
        assertThat(request.settleTimeout()).isZero();
        assertThat(request.listedPerKind()).isEqualTo(5);
    }

    @Test
    void aWrongValueIsAUsageErrorNamingTheOption() {
        assertThat(run("--settle-seconds", "-1")).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stderr())
                .contains("Invalid value for option '--settle-seconds': must be at least 0, was -1")
                .contains("usage: java -jar load-tests-exec.jar");
        assertThat(stdout()).isEmpty();

        assertThat(run("--users", "1000,alice")).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stderr()).contains("Invalid value for option '--users'", "'alice' is not a long");

        assertThat(run("--listed-per-kind", "many")).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stderr()).contains("Invalid value for option '--listed-per-kind': expects a whole number");

        assertThat(run("--transfer-ids-file", "/nonexistent/accepted.txt")).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stderr()).contains("cannot read --transfer-ids-file /nonexistent/accepted.txt");
    }

    @Test
    void aDatabaseAddressThatIsNoJdbcUrlIsNotACheckNorAViolation() {
        assertThat(run("--jdbc-url", "postgres://db/wallet")).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stderr()).startsWith("could not check: ");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("--expected-total", "0")).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stderr())
                .contains("Unknown option", "'--expected-total'", "Possible solutions: --expected-total-minor");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertThat(run("--help")).isEqualTo(CheckCommand.CLEAN);

        var help = stdout().replaceAll("\\s+", " ");
        assertThat(help)
                .startsWith("usage: java -jar load-tests-exec.jar [OPTIONS]")
                .contains("--jdbc-url=URL PostgreSQL of the wallet (default: jdbc:postgresql://localhost:5432/wallet)")
                .contains("--settle-seconds=N wait up to N s for PENDING transfers and late events (default: 10)")
                .contains("--users=ID[,ID...] only these users' accounts and transfers")
                .contains("exit status: 0 clean, 1 violations found, 2 could not check");
        for (var option :
                new CommandLine(new CheckCommand(null, null)).getCommandSpec().options()) {
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

    private static CheckCommand parse(String... args) {
        var command = new CheckCommand(null, null);
        Cli.commandLine(command).parseArgs(args);
        return command;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return CheckCommand.run(
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
