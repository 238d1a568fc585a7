package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

@ApiIntegrationTest
class QuoteIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Test
    void quotesTheFeeAndTotalWithTheSubmitsOwnChecksAndWritesNothing() {
        var sender = fixtures.personWith("20.00");
        var receiver = fixtures.personWithNoMoney();

        fixtures.client()
                .post()
                .uri("/api/transfers/quote")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("receiver_id", receiver.account().value(), "amount", "10"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"amount\": \"10.00\", \"fee\": \"0.15\", \"total\": \"10.15\"}");
        fixtures.client()
                .post()
                .uri("/api/transfers/quote")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("receiver_id", receiver.account().value(), "amount", "19.75"))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].reason")
                .isEqualTo("plus the fee of 0.30 is more than your balance of 20.00");

        fixtures.client()
                .post()
                .uri("/api/transfers/quote")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", "19.75"))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(1)
                .jsonPath("$.errors[0].field")
                .isEqualTo("amount");

        assertThat(fixtures.writesBy(sender)).isZero();
    }

    @Test
    void tellsThePageWhereTheLiveFeedIsWithoutSignIn() {
        fixtures.client()
                .get()
                .uri("/api/config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.feed_url")
                .isEqualTo("ws://localhost:8082/ws");
    }
}
