package app.miniwallet.testsupport.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One node of a KRaft cluster, broker and controller in one: its id, its ports, the whole controller quorum and the
 * replication every internal topic gets. A single node is the dev stack's and the tests' broker; three make the
 * production-shaped cluster of {@code ./run --cluster}, where every internal topic has three replicas and writes
 * need two of them ({@code min.insync.replicas} 2), as on a real cluster.
 *
 * @param voters the controller quorum, {@code id@host:port,...}
 * @param clusterId the id every node of the cluster is formatted with; null for a single node, formatted once
 * @param replicas the cluster's size: the replication factor of the internal topics and the topics' default
 */
public record KafkaNode(int id, int port, int controllerPort, String voters, String clusterId, int replicas) {

    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** The one node of a single-broker cluster. */
    public static KafkaNode single(int port, int controllerPort) {
        return new KafkaNode(1, port, controllerPort, "1@localhost:" + controllerPort, null, 1);
    }

    /**
     * The nodes of a cluster, one for each pair of a client port and a controller port, numbered from 1 in that
     * order, all formatted with {@code clusterId}.
     */
    public static List<KafkaNode> cluster(List<Integer> ports, List<Integer> controllerPorts, String clusterId) {
        if (ports.size() != controllerPorts.size() || ports.isEmpty()) {
            throw new IllegalArgumentException(
                    "one controller port per client port: " + ports + ", " + controllerPorts);
        }
        var voters = IntStream.range(0, ports.size())
                .mapToObj(index -> (index + 1) + "@localhost:" + controllerPorts.get(index))
                .collect(Collectors.joining(","));
        return IntStream.range(0, ports.size())
                .mapToObj(index -> new KafkaNode(
                        index + 1, ports.get(index), controllerPorts.get(index), voters, clusterId, ports.size()))
                .toList();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The writes of acks=all wait for this many replicas: a majority of three, and one of one. */
    int minInsyncReplicas() {
        return replicas >= 3 ? replicas - 1 : 1;
    }

    /** The command-line form {@link KafkaBroker#main} reads back with {@link #fromArguments}. */
    List<String> arguments() {
        return List.of(
                Integer.toString(id),
                Integer.toString(port),
                Integer.toString(controllerPort),
                voters,
                clusterId == null ? "-" : clusterId,
                Integer.toString(replicas));
    }

    static KafkaNode fromArguments(List<String> arguments) {
        if (arguments.size() != 6) {
            throw new IllegalArgumentException(
                    "expected <id> <port> <controller port> <voters> <cluster id or -> <replicas>, got " + arguments);
        }
        return new KafkaNode(
                Integer.parseInt(arguments.get(0)),
                Integer.parseInt(arguments.get(1)),
                Integer.parseInt(arguments.get(2)),
                arguments.get(3),
                arguments.get(4).equals("-") ? null : arguments.get(4),
                Integer.parseInt(arguments.get(5)));
    }

    Properties configuration(String directory) {
        var replication = Integer.toString(replicas);
        var minInsync = Integer.toString(minInsyncReplicas());
        var properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(id)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry(
                        "listeners",
                        "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry(
                        "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", directory),
                // every internal topic as replicated as the cluster allows, and writes to it need a majority
                Map.entry("offsets.topic.replication.factor", replication),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", replication),
                Map.entry("transaction.state.log.min.isr", minInsync),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", replication),
                Map.entry("share.coordinator.state.topic.min.isr", minInsync),
                Map.entry("default.replication.factor", replication),
                Map.entry("min.insync.replicas", minInsync),
                // a stalled follower leaves the ISR after this long, so acks=all writes go on without it well
                // within the processors' transaction timeout
                Map.entry("replica.lag.time.max.ms", "10000"),
                // the services create their topics with the partition counts they need
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "6"),
                // a developer restarting a service should not wait for a rebalance delay
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))));
        return properties;
    }
}
