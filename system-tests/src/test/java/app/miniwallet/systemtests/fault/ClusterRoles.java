package app.miniwallet.systemtests.fault;

import app.miniwallet.contracts.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Who does what in the Kafka cluster right now, as the brokers tell it: which node coordinates the processors'
 * transactions, which leads the busiest request partition and which follow it, and whether every partition has all
 * its replicas in sync again after a fault.
 */
final class ClusterRoles implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> INTERNAL_TOPICS = List.of("__consumer_offsets", "__transaction_state");

    private final Admin admin;

    ClusterRoles(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis()));
    }

    /**
     * The node that coordinates most of the transactional ids of these processor instances (their ids start with the
     * instance id): killing it makes their open transactions' fate depend on the coordinator's failover.
     */
    int transactionCoordinatorOf(List<String> instanceIds) {
        var transactionalIds = get(admin.listTransactions().all()).stream()
                .map(TransactionListing::transactionalId)
                .filter(id -> instanceIds.stream().anyMatch(instance -> id.startsWith(instance + "-")))
                .toList();
        if (transactionalIds.isEmpty()) {
            throw new IllegalStateException("no transactional id of " + instanceIds + " is known to the cluster");
        }
        var coordinators = get(admin.describeTransactions(transactionalIds).all()).values().stream()
                .collect(Collectors.groupingBy(description -> description.coordinatorId(), Collectors.counting()));
        return coordinators.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    /** The partition of the request topic with the most records: where the hot traffic goes. */
    TopicPartitionInfo busiestRequestPartition() {
        var topic = describe(Topics.TRANSFER_REQUESTS);
        var latest = get(admin.listOffsets(topic.partitions().stream()
                                .collect(Collectors.toMap(
                                        partition ->
                                                new TopicPartition(Topics.TRANSFER_REQUESTS, partition.partition()),
                                        partition -> OffsetSpec.latest())))
                        .all())
                .entrySet()
                .stream()
                .collect(Collectors.toMap(entry -> entry.getKey().partition(), entry -> entry.getValue()
                        .offset()));
        return topic.partitions().stream()
                .max(Comparator.comparingLong(partition -> latest.getOrDefault(partition.partition(), 0L)))
                .orElseThrow();
    }

    int leaderOf(TopicPartitionInfo partition) {
        if (partition.leader() == null) {
            throw new IllegalStateException("partition " + partition.partition() + " has no leader now");
        }
        return partition.leader().id();
    }

    /** A replica of the partition that is not its leader. */
    int followerOf(TopicPartitionInfo partition) {
        var leader = leaderOf(partition);
        return partition.replicas().stream()
                .map(node -> node.id())
                .filter(id -> id != leader)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("partition " + partition.partition() + " has no follower"));
    }

    /**
     * True when every partition of the wallet's and Kafka's internal topics has a leader and all its replicas in its
     * ISR: a node that was away has caught up, so taking another away loses no write availability.
     */
    boolean everyReplicaInSync() {
        var names = get(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith("wallet.") || INTERNAL_TOPICS.contains(name))
                .collect(Collectors.toSet());
        return describeAll(names).values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null
                        && partition.isr().size() == partition.replicas().size());
    }

    private TopicDescription describe(String topic) {
        return describeAll(Set.of(topic)).get(topic);
    }

    private Map<String, TopicDescription> describeAll(Set<String> topics) {
        var futures = admin.describeTopics(topics).topicNameValues();
        var descriptions = new HashMap<String, TopicDescription>();
        futures.forEach((name, future) -> descriptions.put(name, get(future)));
        return descriptions;
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the Kafka cluster", e);
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
