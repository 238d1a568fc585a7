package app.miniwallet.loadtests.check;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckCommandIntegrationTest {

    private static final WalletTestStack stack = WalletTestStack.shared();

    private static WalletFixture wallet;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void connect() {
        wallet = WalletFixture.on(stack);
    }

    @AfterAll
    static void disconnect() {
        wallet.close();
    }

    @Test
    void exitsZeroWithACleanReportWhenEveryGuaranteeHolds() {
        var totalBefore = totalBalanceMinor();
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        wallet.transfer(alice, bob, 1_00);

        var status =
                run("--users", alice + "," + bob, "--expected-total-minor=" + totalBefore, "--settle-seconds", "0");

        assertThat(status).as(this::printed).isEqualTo(CheckCommand.CLEAN);
        assertThat(stdout()).startsWith("Invariant check: CLEAN").contains("scope 2 users: 2 accounts, 2 transfers");
    }

    @Test
    void exitsOneAndNamesTheBrokenGuarantee() {
        var totalBefore = totalBalanceMinor();
        var alice = wallet.userWithBalance(10_00);
        var bob = wallet.newUser();
        var transfer = wallet.transfer(alice, bob, 1_00);
        wallet.announce(transfer);

        var status = run("--users", alice + "," + bob, "--expected-total-minor", Long.toString(totalBefore));

        assertThat(status).as(this::printed).isEqualTo(CheckCommand.VIOLATED);
        assertThat(stdout())
                .startsWith("Invariant check: FAILED, 1 violation")
                .contains("DUPLICATE_EVENT x1")
                .contains("[guarantee 4. exactly one result event per transfer]")
                .contains(transfer.id().toString());
    }

    @Test
    void exitsTwoWhenItCannotCheck() {
        var status = run("--jdbc-url", "jdbc:postgresql://localhost:1/wallet", "--settle-seconds", "0");

        assertThat(status).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("could not check");
    }

    @Test
    void exitsTwoOnAnUnknownOption() {
        var status = run("--expected-total", "0");

        assertThat(status).isEqualTo(CheckCommand.NOT_CHECKED);
        assertThat(stderr())
                .contains("Unknown option", "'--expected-total'", "Possible solutions: --expected-total-minor");
    }

    private int run(String... options) {
        var args = new String[options.length + 6];
        args[0] = "--jdbc-url=" + stack.jdbcUrl();
        args[1] = "--db-user=" + stack.username();
        args[2] = "--db-password=" + stack.password();
        args[3] = "--bootstrap-servers=" + stack.kafkaBootstrapServers();
        args[4] = "--listed-per-kind";
        args[5] = "5";
        System.arraycopy(options, 0, args, 6, options.length);
        return CheckCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static long totalBalanceMinor() {
        return new InvariantChecker(stack.dataSource(), stack.kafkaBootstrapServers()).totalBalanceMinor();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String printed() {
        return stdout() + stderr();
    }
}
