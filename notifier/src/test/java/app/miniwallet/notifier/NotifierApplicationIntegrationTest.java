package app.miniwallet.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.infra.test.WalletTestStack;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotifierApplicationIntegrationTest {

    @DynamicPropertySource
    static void walletTestStack(DynamicPropertyRegistry registry) {
        WalletTestStack.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        // no SMTP server in this test: the mail health check would rightly be DOWN
        registry.add("management.health.mail.enabled", () -> "false");
    }

    @Test
    void startsAndReportsItsDatabaseAndKafkaHealthy(org.springframework.context.ApplicationContext context) {
        var port = context.getBean(Environment.class).getProperty("local.server.port");

        @SuppressWarnings("unchecked")
        Map<String, Object> health = RestClient.create()
                .get()
                .uri("http://localhost:" + port + "/actuator/health")
                .retrieve()
                .body(Map.class);

        assertThat(health).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        var components = (Map<String, Map<String, Object>>) health.get("components");
        assertThat(components.get("db")).containsEntry("status", "UP");
        assertThat(components.get("kafka")).containsEntry("status", "UP");
    }
}
