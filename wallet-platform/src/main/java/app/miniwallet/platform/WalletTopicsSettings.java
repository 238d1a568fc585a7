package app.miniwallet.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the wallet topics are created at start when missing.
 *
 * @param partitions partitions of the request and event topics; more partitions than processor cores
 * @param replicas replication factor; 1 for the embedded broker, 3 on a real cluster
 */
@ConfigurationProperties("wallet.topics")
public record WalletTopicsSettings(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas) {}
