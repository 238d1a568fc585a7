package app.miniwallet.platform;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** What every wallet service gets: the wallet topics created or checked at start, and a Kafka health check. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(WalletTopicsSettings.class)
public class WalletPlatformAutoConfiguration {

    /** Off with Boot's own switch for topics at start, {@code spring.kafka.admin.auto-create=false}. */
    @Bean
    @ConditionalOnBooleanProperty(name = "spring.kafka.admin.auto-create", matchIfMissing = true)
    WalletTopics walletTopics(WalletTopicsSettings settings, KafkaAdmin kafkaAdmin, KafkaProperties kafkaProperties) {
        return new WalletTopics(
                settings,
                kafkaAdmin.getConfigurationProperties(),
                Duration.ofSeconds(kafkaAdmin.getOperationTimeout()),
                kafkaProperties.getAdmin().isFailFast());
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
