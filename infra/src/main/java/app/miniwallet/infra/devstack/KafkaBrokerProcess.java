package app.miniwallet.infra.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The dev stack's broker ({@link KafkaBroker}) in a JVM of its own, on fixed ports and a fixed data directory: so it
 * can be stopped cleanly (SIGTERM: a controlled shutdown), killed (SIGKILL: log recovery on the next start) and started
 * again where it was, and so its garbage and threads do not share a heap with whoever measures it. The child runs on
 * this JVM's class path, which must hold Kafka's server classes.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private final List<String> jvmOptions;
    private Process process;

    /** @param jvmOptions options for the broker's JVM, such as its heap size */
    public KafkaBrokerProcess(Path dataDirectory, int port, int controllerPort, Path logFile, List<String> jvmOptions) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile;
        this.jvmOptions = List.copyOf(jvmOptions);
        Runtime.getRuntime().addShutdownHook(new Thread(this::killIfRunning, "kill-kafka-broker"));
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** Starts the broker (formatting its storage on the very first start); returns once it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is already running (pid " + process.pid() + ")");
        }
        var command = new ArrayList<String>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                KafkaBroker.class.getName(),
                dataDirectory.toAbsolutePath().toString(),
                Integer.toString(port),
                Integer.toString(controllerPort)));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(
                    logFile,
                    "==== " + Instant.now() + " starting the broker" + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
        awaitReady();
    }

    /** SIGTERM: the broker's controlled shutdown; returns once it has exited. */
    public synchronized void stopCleanly() {
        process.destroy();
        awaitExit();
    }

    /** SIGKILL: no shutdown at all; the next start recovers its logs. */
    public synchronized void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** A controlled shutdown if it still runs; SIGKILL if that takes too long. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void killIfRunning() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the Kafka broker did not exit within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker to exit", e);
        }
    }

    /** Ready when a client can reach it and it names itself as the only node; a broker that exits fails at once. */
    private void awaitReady() {
        var deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the Kafka broker exited with code " + process.exitValue() + "; see " + logFile);
                }
                try {
                    var nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (nodes.size() != 1) {
                        throw new IllegalStateException("expected one Kafka node, found " + nodes);
                    }
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    // still starting: look again shortly
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
        throw new IllegalStateException("the Kafka broker on " + bootstrapServers() + " did not answer within "
                + READY_TIMEOUT + "; see " + logFile);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseGet(() -> Path.of(
                        System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
