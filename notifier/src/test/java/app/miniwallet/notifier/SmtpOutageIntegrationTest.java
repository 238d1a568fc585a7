package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publish;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.topUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.feed.FeedClient;
import app.miniwallet.testsupport.operator.ActuatorAccess;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The mail server goes away for a while: the feed carries on, the email waits and then goes out once. */
class SmtpOutageIntegrationTest extends NotifierIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anEmailThatSmtpRefusedIsSentOnceTheServerIsBackAndTheFeedNeverWaits() {
        var olga = newUser("Olga Patient");
        TestMail.stop();
        try (var feed =
                FeedClient.connect(port, AccessTokens.validFor(olga).value()).subscribe()) {
            var topUp = topUp(olga, "25.00", "25.00");

            publish(topUp);

            assertThat(feed.awaitMessages(1).get(0).get("transfer_id").asString())
                    .isEqualTo(topUp.transferId().toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> EmailRows.pendingAttemptsFor(olga.email()) >= 2);
            assertThat(health("/actuator/health").at("/components/mail/status").asString())
                    .isEqualTo("DOWN");
            assertThat(health("/actuator/health/readiness").at("/status").asString())
                    .isEqualTo("UP");
            // an anonymous caller sees that it is down, and nothing else
            var anonymous = ActuatorAccess.get(URI.create("http://localhost:" + port + "/"), "/actuator/health", null);
            assertThat(anonymous.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(anonymous.body())).isEqualTo(JSON.readTree("{\"status\":\"DOWN\"}"));
        } finally {
            TestMail.start();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !TestMail.to(olga.email()).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> EmailRows.pendingAttemptsFor(olga.email()) == -1);
        assertThat(TestMail.to(olga.email())).hasSize(1);
    }

    /** The health document as the operator sees it, whatever its status code (503 when DOWN). */
    private JsonNode health(String path) {
        return RestClient.create()
                .get()
                .uri("http://localhost:" + port + path)
                .header("Authorization", ActuatorAccess.operator())
                .exchange((request, response) -> JSON.readTree(response.getBody()));
    }
}
