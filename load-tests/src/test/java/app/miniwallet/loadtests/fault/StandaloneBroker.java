package app.miniwallet.loadtests.fault;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single KRaft Kafka node (broker and controller) as a process of its own, so that a fault scenario can stop it
 * cleanly (SIGTERM: a controlled shutdown) or kill it (SIGKILL: log recovery on the next start) and start it again on
 * the same ports and data directory. Kafka's own server code, as in the dev stack; the storage is formatted on the
 * first start only, so topics, records, transactions and offsets survive every restart.
 *
 * <p>Arguments: data directory, client port, controller port.
 */
final class StandaloneBroker {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private StandaloneBroker() {}

    public static void main(String[] arguments) throws Exception {
        var dataDirectory = Path.of(arguments[0]).toAbsolutePath();
        var port = Integer.parseInt(arguments[1]);
        var controllerPort = Integer.parseInt(arguments[2]);
        formatOnFirstStart(dataDirectory);
        var server = new KafkaRaftServer(
                KafkaConfig.fromProps(configuration(dataDirectory.toString(), port, controllerPort), false),
                Time.SYSTEM);
        var stopped = new CountDownLatch(1);
        // SIGTERM: the broker's controlled shutdown, which is what a clean restart means
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.shutdown();
                            server.awaitShutdown();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        server.startup();
        System.err.println("broker listening on localhost:" + port);
        stopped.await();
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
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "6"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "6"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))));
        return properties;
    }

    private static void formatOnFirstStart(Path dataDirectory) throws Exception {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(dataDirectory);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDirectory.toString()))
                .setMetadataLogDirectory(dataDirectory.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }
}
