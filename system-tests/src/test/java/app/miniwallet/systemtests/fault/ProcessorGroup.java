package app.miniwallet.systemtests.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/** The transfer-processors' consumer group as the broker sees it: which instance holds which partitions. */
final class ProcessorGroup implements AutoCloseable {

    /** The listener's id, which Spring Kafka uses as the group id. */
    static final String GROUP_ID = "transfer-processor";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    ProcessorGroup(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis()));
    }

    /**
     * The partitions the group has assigned to an instance's consumers. Spring Kafka suffixes the static {@code
     * group.instance.id} per consumer ({@code <instance id>-<n>}).
     */
    List<TopicPartition> partitionsOf(String instanceId) {
        try {
            var group = admin.describeConsumerGroups(List.of(GROUP_ID))
                    .describedGroups()
                    .get(GROUP_ID)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return group.members().stream()
                    .filter(member -> member.groupInstanceId()
                            .map(id -> id.equals(instanceId) || id.startsWith(instanceId + "-"))
                            .orElse(false))
                    .flatMap(member -> member.assignment().topicPartitions().stream())
                    .toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe the group " + GROUP_ID, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the group", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
