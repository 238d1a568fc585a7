package app.miniwallet.loadtests.fault;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka broker of the fault stack as its own JVM ({@link StandaloneBroker}), on fixed ports and a fixed data
 * directory, so it can be stopped cleanly, killed, and started again where it was.
 */
final class BrokerProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private Process process;

    BrokerProcess(Path dataDirectory, int port, int controllerPort, Path logFile) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile;
        Runtime.getRuntime().addShutdownHook(new Thread(this::killIfRunning, "kill-fault-broker"));
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(
                    logFile,
                    "==== " + Instant.now() + " starting the broker" + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(List.of(
                            javaBinary(),
                            "-Xmx512m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            StandaloneBroker.class.getName(),
                            dataDirectory.toAbsolutePath().toString(),
                            Integer.toString(port),
                            Integer.toString(controllerPort)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the broker", e);
        }
        awaitReady();
    }

    /** SIGTERM: the broker's controlled shutdown; returns once it has exited. */
    synchronized void stopCleanly() {
        process.destroy();
        awaitExit();
    }

    /** SIGKILL: no shutdown at all; the next start recovers its logs. */
    synchronized void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void killIfRunning() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the broker did not exit within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker to exit", e);
        }
    }

    /** Ready when a client can reach it and it names itself as the only node. */
    private void awaitReady() {
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) READY_TIMEOUT.toMillis()))) {
            var nodes = admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (nodes.size() != 1) {
                throw new IllegalStateException("expected one Kafka node, found " + nodes);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "the broker on " + bootstrapServers() + " did not become ready; see " + logFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseGet(() -> Path.of(
                        System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
