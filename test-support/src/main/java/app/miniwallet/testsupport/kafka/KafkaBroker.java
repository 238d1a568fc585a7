package app.miniwallet.testsupport.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka node in KRaft mode, broker and controller in one, run from Kafka's own server code inside this JVM, or
 * as a process of its own through {@link #main} ({@link KafkaBrokerProcess}). Its storage is formatted once and kept,
 * so topics, records and consumer offsets survive restarts.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final KafkaNode node;
    private final Map<String, Object> clientConfiguration;

    private KafkaBroker(KafkaRaftServer server, KafkaNode node, Map<String, Object> clientConfiguration) {
        this.server = server;
        this.node = node;
        this.clientConfiguration = clientConfiguration;
    }

    public static KafkaBroker start(Path dataDirectory, KafkaNode node) {
        return start(dataDirectory, node, null);
    }

    /** A node that takes only SASL/SCRAM over TLS and authorizes by ACL ({@code security}), in this JVM. */
    public static KafkaBroker start(Path dataDirectory, KafkaNode node, KafkaSecurity security) {
        var directory = dataDirectory.toAbsolutePath().toString();
        formatStorageOnFirstStart(dataDirectory, node, security);
        var configuration = node.configuration(directory);
        if (security != null) {
            configuration.putAll(security.brokerConfiguration(node));
        }
        var server = new KafkaRaftServer(KafkaConfig.fromProps(configuration, false), Time.SYSTEM);
        var broker = new KafkaBroker(server, node, security == null ? Map.of() : security.adminClientConfiguration());
        try {
            server.startup();
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info("Kafka node {} ready on {} with data in {}", node.id(), broker.bootstrapServers(), directory);
        return broker;
    }

    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    /**
     * Runs one node until SIGTERM, which it answers with a controlled shutdown: {@code <data directory>} followed by
     * the node's {@link KafkaNode#arguments}.
     */
    public static void main(String[] arguments) throws InterruptedException {
        var node = KafkaNode.fromArguments(List.of(arguments).subList(1, arguments.length));
        var broker = start(Path.of(arguments[0]), node);
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

    /**
     * What {@code kafka-storage.sh format} does, done once: a formatted directory keeps its cluster id forever. The
     * nodes of a cluster share the id they are given; a single node makes one up.
     */
    private static void formatStorageOnFirstStart(Path dataDirectory, KafkaNode node, KafkaSecurity security) {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        var directory = dataDirectory.toAbsolutePath().toString();
        var clusterId =
                node.clusterId() != null ? node.clusterId() : Uuid.randomUuid().toString();
        try {
            Files.createDirectories(dataDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(node.id())
                    .setClusterId(clusterId)
                    .setDirectories(List.of(directory))
                    .setMetadataLogDirectory(directory)
                    .setControllerListenerName(KafkaNode.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(security == null ? List.of() : security.scramArguments())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + directory, e);
        }
        log.info("Formatted Kafka storage in {} for cluster {}", directory, clusterId);
    }

    /**
     * Ready when a client can reach this node and the cluster's metadata names it. The nodes of a cluster start
     * together: a node answers once a quorum of controllers has elected a leader, and a node restarted into a running
     * cluster answers before it has caught up and registered, with metadata that does not name it yet.
     */
    private void awaitReady() {
        var deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        var adminConfiguration = new HashMap<>(clientConfiguration);
        adminConfiguration.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminConfiguration.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (var admin = Admin.create(adminConfiguration)) {
            while (true) {
                var nodes = admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (nodes.stream().anyMatch(known -> known.id() == node.id())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cluster's metadata did not name node " + node.id() + " within "
                            + READY_TIMEOUT + ": " + nodes);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka node on " + bootstrapServers() + " did not become ready", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
