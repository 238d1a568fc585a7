package app.miniwallet.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the wallet topics are created with when missing, and what the existing ones must have for a service to start
 * ({@link WalletTopics}).
 *
 * @param partitions partitions of the request and event topics; more partitions than processor cores. Fixed once the
 *     topics exist: a sender's order depends on it
 * @param replicas replication factor; 1 for the embedded broker, 3 on a real cluster
 */
@ConfigurationProperties("wallet.topics")
public record WalletTopicsSettings(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas) {

    public WalletTopicsSettings {
        if (partitions < 1 || replicas < 1) {
            throw new IllegalArgumentException("wallet.topics.partitions and replicas must be at least 1, were "
                    + partitions + " and " + replicas);
        }
    }

    /**
     * The copies a write with {@code acks=all} must reach: one fewer than the replicas from three on (two of three, so
     * an acknowledged record survives losing a broker and one broker may be down for maintenance), else one, as a
     * cluster of one or two brokers could not take writes with a broker down otherwise.
     */
    public int minInSyncReplicas() {
        return replicas >= 3 ? replicas - 1 : 1;
    }
}
