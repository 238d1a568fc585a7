package app.miniwallet.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The wallet topics against a broker of each test's own: the wallet topic names are fixed, and the shared test broker's
 * topics must keep their 6 partitions for every other test in the JVM.
 */
class WalletTopicsIntegrationTest {

    private static final List<String> KEYED_TOPICS =
            List.of(Topics.TRANSFER_REQUESTS, Topics.TRANSFER_EVENTS, Topics.USER_EVENTS);

    private EmbeddedKafkaKraftBroker broker;
    private Admin admin;
    private ApplicationContextRunner service;

    @BeforeEach
    void startAnEmptyBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1",
                "offsets.topic.replication.factor", "1"));
        // not spring.embedded.kafka.brokers: that names the JVM's shared test broker
        broker.brokerListProperty("wallet.test.own-broker");
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        service = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(KafkaAutoConfiguration.class, WalletPlatformAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString());
    }

    @AfterEach
    void stopTheBroker() {
        admin.close();
        broker.destroy();
    }

    @Test
    void refusesToStartWhenALiveTopicHasAnotherPartitionCountAndLeavesItAsItIs() throws Exception {
        walletTopicsExistWith(6);

        service.withPropertyValues("wallet.topics.partitions=8").run(app -> {
            assertThat(app).hasFailed();
            assertThat(app.getStartupFailure())
                    .hasMessageContaining("Topic wallet.transfer-requests has 6 partitions")
                    .hasMessageContaining("wallet.topics.partitions (WALLET_TOPICS_PARTITIONS) is 8")
                    .hasMessageContaining("see README, Running on a cluster: changing the partition count");
        });

        assertThat(partitionCounts())
                .containsOnly(
                        Map.entry(Topics.TRANSFER_REQUESTS, 6),
                        Map.entry(Topics.TRANSFER_EVENTS, 6),
                        Map.entry(Topics.USER_EVENTS, 6));
    }

    @Test
    void refusesToStartWhenALiveTopicHasAnotherReplicationFactor() throws Exception {
        walletTopicsExistWith(6);

        service.withPropertyValues("wallet.topics.replicas=3").run(app -> {
            assertThat(app).hasFailed();
            assertThat(app.getStartupFailure())
                    .hasMessageContaining("Topic wallet.transfer-requests has replication factor 1")
                    .hasMessageContaining("wallet.topics.replicas (WALLET_TOPICS_REPLICAS) is 3");
        });
    }

    @Test
    void startsWhenTheLiveTopicsMatchTheSettings() throws Exception {
        walletTopicsExistWith(4);

        service.withPropertyValues("wallet.topics.partitions=4")
                .run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    void createsMissingTopicsWithTheConfiguredCountsAndMinInSyncReplicas() throws Exception {
        service.withPropertyValues("wallet.topics.partitions=5")
                .run(app -> assertThat(app).hasNotFailed());

        assertThat(partitionCounts())
                .containsOnly(
                        Map.entry(Topics.TRANSFER_REQUESTS, 5),
                        Map.entry(Topics.TRANSFER_EVENTS, 5),
                        Map.entry(Topics.USER_EVENTS, 5));
        var minInSyncReplicas = topicConfig(Topics.TRANSFER_REQUESTS, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        assertThat(minInSyncReplicas.value()).isEqualTo("1");
        assertThat(minInSyncReplicas.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(admin.describeTopics(List.of(Topics.TRANSFER_REQUESTS_DLT))
                        .allTopicNames()
                        .get()
                        .get(Topics.TRANSFER_REQUESTS_DLT)
                        .partitions())
                .hasSize(1);
    }

    @Test
    void servicesStartingAtOnceAllFindOrCreateTheTopics() throws Exception {
        var starts = Executors.newFixedThreadPool(3);
        try {
            var services = Stream.of("api", "processor", "notifier")
                    .map(name -> CompletableFuture.supplyAsync(this::startupFailure, starts))
                    .toList();
            for (var failure : services) {
                assertThat(failure.get()).isNull();
            }
        } finally {
            starts.shutdown();
        }

        assertThat(partitionCounts())
                .containsOnly(
                        Map.entry(Topics.TRANSFER_REQUESTS, 6),
                        Map.entry(Topics.TRANSFER_EVENTS, 6),
                        Map.entry(Topics.USER_EVENTS, 6));
    }

    private Throwable startupFailure() {
        var failure = new AtomicReference<Throwable>();
        service.run(app -> failure.set(app.getStartupFailure()));
        return failure.get();
    }

    /** The topics as an earlier start (or an operator) made them: {@code partitions} each, one replica. */
    private void walletTopicsExistWith(int partitions) throws Exception {
        admin.createTopics(List.of(
                        new NewTopic(Topics.TRANSFER_REQUESTS, partitions, (short) 1),
                        new NewTopic(Topics.TRANSFER_EVENTS, partitions, (short) 1),
                        new NewTopic(Topics.USER_EVENTS, partitions, (short) 1),
                        new NewTopic(Topics.TRANSFER_REQUESTS_DLT, 1, (short) 1)))
                .all()
                .get();
    }

    private Map<String, Integer> partitionCounts() throws Exception {
        var counts = new TreeMap<String, Integer>();
        admin.describeTopics(KEYED_TOPICS)
                .allTopicNames()
                .get()
                .forEach((name, description) ->
                        counts.put(name, description.partitions().size()));
        return counts;
    }

    private ConfigEntry topicConfig(String topic, String name) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get(name);
    }
}
