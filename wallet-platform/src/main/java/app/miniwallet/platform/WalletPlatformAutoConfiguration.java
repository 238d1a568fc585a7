package app.miniwallet.platform;

import app.miniwallet.contracts.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** What every wallet service gets: the wallet topics created at start and a Kafka health check. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(WalletTopicsSettings.class)
public class WalletPlatformAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics walletTopics(WalletTopicsSettings settings) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.TRANSFER_REQUESTS)
                        .partitions(settings.partitions())
                        .replicas(settings.replicas())
                        .build(),
                TopicBuilder.name(Topics.TRANSFER_EVENTS)
                        .partitions(settings.partitions())
                        .replicas(settings.replicas())
                        .build(),
                TopicBuilder.name(Topics.USER_EVENTS)
                        .partitions(settings.partitions())
                        .replicas(settings.replicas())
                        .build(),
                TopicBuilder.name(Topics.TRANSFER_REQUESTS_DLT)
                        .partitions(1)
                        .replicas(settings.replicas())
                        .build());
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
