package app.miniwallet.testsupport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * Kafka as production runs it, on one machine: several KRaft nodes, each broker and controller in a process of its
 * own ({@link KafkaBrokerProcess}) with its own data directory, every internal topic replicated to all of them and
 * writes needing a majority. Any node can be killed, paused or restarted on its data while the others serve.
 */
public final class KafkaCluster implements AutoCloseable {

    private final List<KafkaBrokerProcess> brokers;

    private KafkaCluster(List<KafkaBrokerProcess> brokers) {
        this.brokers = brokers;
    }

    /**
     * Launches every node at once (none answers before a quorum of controllers runs), then waits for each. The
     * nodes' data directories are {@code directory/node-<id>}; their logs {@code logDirectory/kafka-<id>.log}. The
     * cluster id is made on the first start and kept in {@code directory/cluster-id}.
     */
    public static KafkaCluster start(
            Path directory,
            List<Integer> ports,
            List<Integer> controllerPorts,
            Path logDirectory,
            List<String> jvmOptions) {
        var nodes = KafkaNode.cluster(ports, controllerPorts, clusterId(directory));
        var brokers = nodes.stream()
                .map(node -> new KafkaBrokerProcess(
                        directory.resolve("node-" + node.id()),
                        node,
                        logDirectory.resolve("kafka-" + node.id() + ".log"),
                        jvmOptions))
                .toList();
        var cluster = new KafkaCluster(brokers);
        try {
            brokers.forEach(KafkaBrokerProcess::launch);
            brokers.forEach(KafkaBrokerProcess::awaitReady);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public List<KafkaBrokerProcess> brokers() {
        return brokers;
    }

    /** The node with this id, counted from 1. */
    public KafkaBrokerProcess broker(int nodeId) {
        return brokers.stream()
                .filter(broker -> broker.node().id() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka node " + nodeId));
    }

    /** Every node's address: a client that knows all of them finds the cluster whichever nodes are down. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    /**
     * Stops every node at once, each with a controlled shutdown, killing what does not stop in time: one after
     * another, the last nodes would wait for a controller quorum that is gone.
     */
    @Override
    public void close() {
        CompletableFuture.allOf(brokers.stream()
                        .map(broker -> CompletableFuture.runAsync(broker::close, runnable -> new Thread(
                                        runnable, "stop-kafka-" + broker.node().id())
                                .start()))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    private static String clusterId(Path directory) {
        var file = directory.resolve("cluster-id");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(directory);
            var id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the Kafka cluster id in " + file, e);
        }
    }
}
