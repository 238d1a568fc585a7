package app.miniwallet.api.web;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiIntegrationTest
class HealthIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Test
    void reportsTheDatabaseAndKafkaWithoutSignIn() {
        fixtures.client()
                .get()
                .uri("/actuator/health")
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
