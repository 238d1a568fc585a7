package app.miniwallet.platform;

import app.miniwallet.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The wallet topics, seen to once at start, after every bean is made and before any listener or sender runs: missing
 * ones are created, and one whose partition count or replication factor differs from {@link WalletTopicsSettings}
 * stops the start. Kafka puts a record on the partition of its key's hash modulo the partition count, so growing a
 * live topic (what Spring's {@code KafkaAdmin} does when the configured count is higher) sends a sender's new requests
 * to another partition while its earlier ones still wait on the old one, and they can be applied out of order. Every
 * service runs this, possibly at the same moment: a topic another one has just created counts as found.
 */
final class WalletTopics implements SmartInitializingSingleton {

    private static final String PARTITION_COUNT_PROCEDURE =
            "see README, Running on a cluster: changing the partition count";

    private static final Logger log = LoggerFactory.getLogger(WalletTopics.class);
    private static final Duration RACE_PAUSE = Duration.ofMillis(100);

    /** Topics whose records are keyed by user: their partition count is part of the order guarantee. */
    private static final Set<String> KEYED =
            Set.of(Topics.TRANSFER_REQUESTS, Topics.TRANSFER_EVENTS, Topics.USER_EVENTS);

    private final WalletTopicsSettings settings;
    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private final boolean failWhenKafkaIsAway;

    /**
     * @param adminConfig how to reach the cluster, as for any admin client
     * @param timeout how long the whole check may take
     * @param failWhenKafkaIsAway whether a cluster that does not answer stops the start; otherwise the service starts
     *     unchecked, as it did with Spring's {@code KafkaAdmin} ({@code spring.kafka.admin.fail-fast})
     */
    WalletTopics(
            WalletTopicsSettings settings,
            Map<String, Object> adminConfig,
            Duration timeout,
            boolean failWhenKafkaIsAway) {
        this.settings = settings;
        this.adminConfig = Map.copyOf(adminConfig);
        this.timeout = timeout;
        this.failWhenKafkaIsAway = failWhenKafkaIsAway;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            var admin = Admin.create(adminConfig);
            try {
                createMissingAndCheckTheRest(admin);
            } finally {
                // a plain close would wait for calls still open (a cluster that did not answer) up to a minute
                admin.close(Duration.ZERO);
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            var message = "Could not check or create the wallet topics (Kafka had " + timeout + " to answer)";
            if (failWhenKafkaIsAway) {
                throw new IllegalStateException(message, e);
            }
            log.warn("{}; starting without: they are checked at the next start", message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the wallet topics", e);
        }
    }

    private List<NewTopic> declared() {
        var minInSyncReplicas =
                Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInSyncReplicas()));
        return List.of(
                new NewTopic(Topics.TRANSFER_REQUESTS, settings.partitions(), settings.replicas())
                        .configs(minInSyncReplicas),
                new NewTopic(Topics.TRANSFER_EVENTS, settings.partitions(), settings.replicas())
                        .configs(minInSyncReplicas),
                new NewTopic(Topics.USER_EVENTS, settings.partitions(), settings.replicas()).configs(minInSyncReplicas),
                new NewTopic(Topics.TRANSFER_REQUESTS_DLT, 1, settings.replicas()).configs(minInSyncReplicas));
    }

    private void createMissingAndCheckTheRest(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        var deadline = System.nanoTime() + timeout.toNanos();
        var declared = declared();
        var names = declared.stream().map(NewTopic::name).toList();
        while (true) {
            var existing = describe(admin, names, deadline);
            failOnDifferences(declared, existing);
            var missing = declared.stream()
                    .filter(topic -> !existing.containsKey(topic.name()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            if (!create(admin, missing, deadline)) {
                // another service created one first; a broker may not know it yet, so look again in a moment
                LockSupport.parkNanos(RACE_PAUSE.toNanos());
            }
        }
    }

    /** The descriptions of the topics that exist. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        var existing = new HashMap<String, TopicDescription>();
        for (var topic : admin.describeTopics(names).topicNameValues().entrySet()) {
            try {
                existing.put(topic.getKey(), topic.getValue().get(remainingNanos(deadline), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return existing;
    }

    /** Creates the topics; false when another service created one of them first. */
    private static boolean create(Admin admin, List<NewTopic> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        var createdAll = true;
        for (var topic : admin.createTopics(topics).values().entrySet()) {
            try {
                topic.getValue().get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
                log.info("Created topic {}", topic.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                createdAll = false;
            }
        }
        return createdAll;
    }

    private static void failOnDifferences(List<NewTopic> declared, Map<String, TopicDescription> existing) {
        var differences = new ArrayList<String>();
        var actions = new ArrayList<String>();
        for (var topic : declared) {
            var found = existing.get(topic.name());
            if (found == null) {
                continue;
            }
            var partitions = found.partitions().size();
            if (KEYED.contains(topic.name()) && partitions != topic.numPartitions()) {
                differences.add(
                        "Topic %s has %d partitions but wallet.topics.partitions (WALLET_TOPICS_PARTITIONS) is %d"
                                .formatted(topic.name(), partitions, topic.numPartitions()));
                addOnce(
                        actions,
                        "A sender's requests stay in order because they all go to one partition; a changed count"
                                + " sends its new requests to another one while earlier ones still wait, so the wallet"
                                + " never changes the count of a live topic. To change it, " + PARTITION_COUNT_PROCEDURE
                                + ".");
            }
            // the fewest of any partition: a partition being reassigned lists the replicas it gains as well
            var replicas = found.partitions().stream()
                    .mapToInt(partition -> partition.replicas().size())
                    .min()
                    .orElse(0);
            if (replicas != topic.replicationFactor()) {
                differences.add(
                        "Topic %s has replication factor %d but wallet.topics.replicas (WALLET_TOPICS_REPLICAS) is %d"
                                .formatted(topic.name(), replicas, topic.replicationFactor()));
                addOnce(
                        actions,
                        "To change the replication factor, reassign the topic's partitions"
                                + " (kafka-reassign-partitions), then set WALLET_TOPICS_REPLICAS to match.");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The wallet topics differ from this service's settings, so it does not"
                    + " start:\n  " + String.join("\n  ", differences) + "\n" + String.join("\n", actions));
        }
    }

    private static void addOnce(List<String> lines, String line) {
        if (!lines.contains(line)) {
            lines.add(line);
        }
    }

    private static long remainingNanos(long deadline) throws TimeoutException {
        var remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutException("the cluster did not answer in time");
        }
        return remaining;
    }
}
