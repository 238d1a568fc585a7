package app.miniwallet.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.WalletTestStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WalletPlatformIntegrationTest {

    private final WalletTestStack stack = WalletTestStack.shared();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(KafkaAutoConfiguration.class, WalletPlatformAutoConfiguration.class));

    @Test
    void reportsKafkaUpWithTheBrokerCount() {
        context.withPropertyValues("spring.kafka.bootstrap-servers=" + stack.kafkaBootstrapServers())
                .run(app -> {
                    var health = app.getBean("kafkaHealthIndicator", HealthIndicator.class)
                            .health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("brokers", 1);
                });
    }

    @Test
    void reportsKafkaDownWhenNoBrokerAnswers() {
        context.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.admin.auto-create=false")
                .run(app -> {
                    var health = app.getBean("kafkaHealthIndicator", HealthIndicator.class)
                            .health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void startsUncheckedWhenNoBrokerAnswersAtStart() {
        context.withPropertyValues(
                        "spring.kafka.bootstrap-servers=localhost:1", "spring.kafka.admin.operation-timeout=2s")
                .run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    void failsToStartWhenNoBrokerAnswersAndFailFastIsAsked() {
        context.withPropertyValues(
                        "spring.kafka.bootstrap-servers=localhost:1",
                        "spring.kafka.admin.operation-timeout=2s",
                        "spring.kafka.admin.fail-fast=true")
                .run(app -> assertThat(app)
                        .getFailure()
                        .hasMessageContaining("Could not check or create the wallet topics"));
    }
}
