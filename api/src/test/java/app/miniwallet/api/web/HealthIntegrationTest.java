package app.miniwallet.api.web;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.testsupport.operator.ActuatorAccess;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiIntegrationTest
class HealthIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @LocalServerPort
    int port;

    @Test
    void showsAnonymousCallersOnlyTheStatusAndTheOperatorTheDetailsAndTheMetrics() {
        ActuatorAccess.assertOnlyTheOperatorSeesMoreThanTheStatus(URI.create("http://localhost:" + port + "/"));
    }

    @Test
    void reportsTheDatabaseAndKafkaToTheOperator() {
        fixtures.client()
                .get()
                .uri("/actuator/health")
                .header("Authorization", ActuatorAccess.operator())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.db.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.details.brokers")
                .isEqualTo(1);
    }
}
