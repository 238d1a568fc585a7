package app.miniwallet.infra.devstack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft mode, broker and controller in one node, run from Kafka's own server code inside this
 * JVM, or as a process of its own through {@link #main} ({@link KafkaBrokerProcess}). Its storage is formatted once and
 * kept, so topics, records and consumer offsets survive restarts.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static KafkaBroker start(Path dataDirectory, int port, int controllerPort) {
        var directory = dataDirectory.toAbsolutePath().toString();
        formatStorageOnFirstStart(dataDirectory);
        var server = new KafkaRaftServer(
                KafkaConfig.fromProps(configuration(directory, port, controllerPort), false), Time.SYSTEM);
        var broker = new KafkaBroker(server, port);
        try {
            server.startup();
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info("Kafka broker ready on {} with data in {}", broker.bootstrapServers(), directory);
        return broker;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /**
     * Runs one broker until SIGTERM, which it answers with a controlled shutdown: {@code <data directory> <port>
     * <controller port>}.
     */
    public static void main(String[] arguments) throws InterruptedException {
        var broker = start(Path.of(arguments[0]), Integer.parseInt(arguments[1]), Integer.parseInt(arguments[2]));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "kafka-broker-stop"));
        stopped.await();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties configuration(String directory, int port, int controllerPort) {
        var properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort),
                Map.entry(
                        "listeners",
                        "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry(
                        "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", directory),
                // one broker: every internal topic can have one replica only
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // the services create their topics with the partition counts they need
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "6"),
                // a developer restarting a service should not wait for a rebalance delay
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))));
        return properties;
    }

    /** What {@code kafka-storage.sh format} does, done once: a formatted directory keeps its cluster id forever. */
    private static void formatStorageOnFirstStart(Path dataDirectory) {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        var directory = dataDirectory.toAbsolutePath().toString();
        var clusterId = Uuid.randomUuid().toString();
        try {
            Files.createDirectories(dataDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(directory))
                    .setMetadataLogDirectory(directory)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + directory, e);
        }
        log.info("Formatted Kafka storage in {} for cluster {}", directory, clusterId);
    }

    /** The broker counts as ready when a client can reach it and it names itself as the only node. */
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
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not become ready", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
