package app.miniwallet.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.operator.ActuatorAccess;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class NotifierApplicationIntegrationTest extends NotifierIntegrationTest {

    @Test
    void startsAndReportsItsDatabaseKafkaAndMailServerHealthy() {
        @SuppressWarnings("unchecked")
        Map<String, Object> health = RestClient.create()
                .get()
                .uri("http://localhost:" + port + "/actuator/health")
                .header("Authorization", ActuatorAccess.operator())
                .retrieve()
                .body(Map.class);

        assertThat(health).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        var components = (Map<String, Map<String, Object>>) health.get("components");
        assertThat(components.get("db")).containsEntry("status", "UP");
        assertThat(components.get("kafka")).containsEntry("status", "UP");
        assertThat(components.get("mail")).containsEntry("status", "UP");
    }

    @Test
    void showsAnonymousCallersOnlyHealthsStatusAndTheOperatorTheDetailsAndTheMetrics() {
        ActuatorAccess.assertOnlyTheOperatorSeesMoreThanTheStatus(URI.create("http://localhost:" + port + "/"));
    }
}
