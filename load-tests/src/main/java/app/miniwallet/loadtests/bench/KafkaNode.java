package app.miniwallet.loadtests.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A KRaft Kafka broker (broker and controller in one node, Kafka's own server code) in a JVM of its own, configured as
 * the dev stack's broker is. Its own process so that the broker's garbage and threads do not share a heap with the load
 * generator that measures it. {@link #start} launches it; {@link #main} is the child.
 */
final class KafkaNode implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String CONTROLLER = "CONTROLLER";

    private final Process process;
    private final int port;

    private KafkaNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Formats a fresh log directory in {@code dataDirectory} and starts the broker there; returns once it answers. */
    static KafkaNode start(Path dataDirectory, int port, int controllerPort, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            var java = ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
            var command = new ArrayList<>(List.of(
                    java,
                    "-Xms1g",
                    "-Xmx1g",
                    "-cp",
                    System.getProperty("java.class.path"),
                    KafkaNode.class.getName(),
                    dataDirectory.toAbsolutePath().toString(),
                    Integer.toString(port),
                    Integer.toString(controllerPort)));
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            var node = new KafkaNode(process, port);
            try {
                node.awaitReady(logFile);
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
    }

    long pid() {
        return process.pid();
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** SIGTERM, which the broker answers with a controlled shutdown; SIGKILL if that takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Path logFile) {
        var deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the Kafka broker exited with code " + process.exitValue() + "; see " + logFile);
            }
            if (!listening()) {
                LockSupport.parkNanos(200_000_000L);
                continue;
            }
            try (var admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException notYet) {
                // the broker is still starting: the next attempt waits as long as this one did
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within " + READY_TIMEOUT + "; see " + logFile);
    }

    private boolean listening() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1_000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The child: {@code KafkaNode <data directory> <port> <controller port>}; runs until SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        var directory = Path.of(args[0]);
        var port = Integer.parseInt(args[1]);
        var controllerPort = Integer.parseInt(args[2]);
        format(directory);
        var server = new KafkaRaftServer(
                KafkaConfig.fromProps(configuration(directory.toString(), port, controllerPort), false), Time.SYSTEM);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.shutdown();
                            server.awaitShutdown();
                            stopped.countDown();
                        },
                        "kafka-node-stop"));
        server.startup();
        stopped.await();
    }

    private static void format(Path directory) {
        try {
            Files.createDirectories(directory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(directory.toString()))
                    .setMetadataLogDirectory(directory.toString())
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + directory, e);
        }
    }

    /** The dev stack's broker settings (infra's KafkaBroker), so the benchmark measures what developers run. */
    private static Properties configuration(String directory, int port, int controllerPort) {
        var properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                Map.entry(
                        "listeners",
                        "PLAINTEXT://localhost:" + port + "," + CONTROLLER + "://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", directory),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "6"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        return properties;
    }
}
