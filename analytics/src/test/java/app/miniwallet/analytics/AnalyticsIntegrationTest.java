package app.miniwallet.analytics;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One analytics service on a real port against the shared Kafka broker, with an application id and state directory of
 * its own, so it reads wallet.transfer-events from the beginning. All in-process integration tests extend this and
 * share its application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AnalyticsIntegrationTest {

    protected static final String TOKEN = "analytics-test-token";
    private static final String RUN = UUID.randomUUID().toString();

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void analyticsProperties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers", () -> WalletTestStack.shared().kafkaBootstrapServers());
        registry.add("wallet.analytics.application-id", () -> "analytics-test-" + RUN);
        registry.add("spring.kafka.streams.state-dir", () -> "target/kafka-streams/" + RUN);
        registry.add("wallet.analytics.token", () -> TOKEN);
        registry.add("wallet.operator.password", () -> WalletTestStack.OPERATOR_PASSWORD);
    }

    protected AnalyticsClient client() {
        return new AnalyticsClient(port, TOKEN);
    }

    protected static String bootstrapServers() {
        return WalletTestStack.shared().kafkaBootstrapServers();
    }
}
