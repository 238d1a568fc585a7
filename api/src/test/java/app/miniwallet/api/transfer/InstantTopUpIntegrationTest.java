package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import app.miniwallet.contracts.Topics;
import app.miniwallet.testsupport.kafka.TopicReader;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/** The demo mode, as the dev stack and the tests run it: a top-up goes into the pipeline at once. */
@ApiIntegrationTest
class InstantTopUpIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anInstantTopUpIsPendingWithItsRequestForTheProcessorAndNoCheckout() {
        var person = fixtures.personWithNoMoney();

        var answer = topUp(person, "75.00");

        assertThat(answer.getStatus().value()).isEqualTo(202);
        var id = (String) answer.getResponseBody().get("id");
        assertThat(answer.getResponseBody()).containsEntry("status", "PENDING").doesNotContainKey("checkout_url");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        TopicReader.readCommitted(WalletTestStack.shared().kafkaBootstrapServers())
                                .readToEnd(Topics.TRANSFER_REQUESTS)
                                .stream()
                                .filter(record -> record.value().contains(id)))
                .hasSize(1));
    }

    @Test
    void theDailyLimitCountsTheTopUpsOfTheLast24Hours() {
        var person = fixtures.personWith("9000.00");

        var over = topUp(person, "1000.01");

        assertThat(over.getStatus().value()).isEqualTo(422);
        assertThat(over.getResponseBody().get("errors"))
                .isEqualTo(List.of(Map.of(
                        "field",
                        "amount",
                        "reason",
                        "is more than you may still top up: at most 10000.00 in 24 hours, 1000.00 of it left")));
        assertThat(topUp(person, "1000.00").getStatus().value()).isEqualTo(202);
        assertThat(topUp(person, "0.01").getStatus().value()).isEqualTo(422);

        // a day later the window has moved past all of them
        jdbc.sql("update transfers set created_at = created_at - interval '25 hours' where receiver_id = ?")
                .param(person.account().value())
                .update();
        assertThat(topUp(person, "5000.00").getStatus().value()).isEqualTo(202);
    }

    private EntityExchangeResult<Map> topUp(Person person, String amount) {
        return fixtures.client()
                .post()
                .uri("/api/wallet/top-ups")
                .header("Authorization", person.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"amount\": \"" + amount + "\"}")
                .exchange()
                .returnResult(Map.class);
    }
}
