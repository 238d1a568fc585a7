package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Every way a transfer request can be wrong: a clear 4xx naming the field, and nothing written. */
@ApiIntegrationTest
class TransferValidationIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    RestTestClient http;
    Person sender;
    Person receiver;

    @BeforeEach
    void twoPeople() {
        http = fixtures.client();
        sender = fixtures.personWith("100.00");
        receiver = fixtures.personWithNoMoney();
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"amount\": \"10.00\"}                                   | receiver_id | is required",
                "{\"receiver_id\": null, \"amount\": \"10.00\"}            | receiver_id | is required",
                "{\"receiver_id\": \"abc\", \"amount\": \"10.00\"}         | receiver_id | must be a user id (a positive whole number)",
                "{\"receiver_id\": 12.5, \"amount\": \"10.00\"}            | receiver_id | must be a user id (a positive whole number)",
                "{\"receiver_id\": -3, \"amount\": \"10.00\"}              | receiver_id | must be a user id (a positive whole number)",
                "{\"receiver_id\": 999999999, \"amount\": \"10.00\"}       | receiver_id | does not name a Mini Wallet user",
                "{\"receiver_id\": 1, \"amount\": \"10.00\"}               | receiver_id | does not name a Mini Wallet user",
                "{\"receiver_id\": RECEIVER}                               | amount      | is required",
                "{\"receiver_id\": RECEIVER, \"amount\": \"0\"}            | amount      | must be greater than 0",
                "{\"receiver_id\": RECEIVER, \"amount\": \"0.00\"}         | amount      | must be greater than 0",
                "{\"receiver_id\": RECEIVER, \"amount\": 0}                | amount      | must be greater than 0",
                "{\"receiver_id\": RECEIVER, \"amount\": \"-5.00\"}        | amount      | must be greater than 0",
                "{\"receiver_id\": RECEIVER, \"amount\": -5}               | amount      | must be greater than 0",
                "{\"receiver_id\": RECEIVER, \"amount\": \"1.234\"}        | amount      | must have at most 2 decimals",
                "{\"receiver_id\": RECEIVER, \"amount\": 1.234}            | amount      | must have at most 2 decimals",
                "{\"receiver_id\": RECEIVER, \"amount\": \"ten\"}          | amount      | must be a number such as 12.34",
                "{\"receiver_id\": RECEIVER, \"amount\": \"1e2\"}          | amount      | must be a number such as 12.34",
                "{\"receiver_id\": RECEIVER, \"amount\": \"NaN\"}          | amount      | must be a number such as 12.34",
                "{\"receiver_id\": RECEIVER, \"amount\": true}             | amount      | must be a number such as 12.34",
                "{\"receiver_id\": RECEIVER, \"amount\": {\"v\": 1}}       | amount      | must be a number such as 12.34",
                "{\"receiver_id\": RECEIVER, \"amount\": \"10000.01\"}     | amount      | must be at most 10000.00",
                "{\"receiver_id\": RECEIVER, \"amount\": 1e400}            | amount      | is too large",
                "{\"receiver_id\": RECEIVER, \"amount\": 99999999999999999999999} | amount | is too large",
                "{\"receiver_id\": RECEIVER, \"amount\": \"98.53\"}        | amount      | plus the fee of 1.48 is more than your balance of 100.00",
                "{\"receiver_id\": SENDER, \"amount\": \"10.00\"}          | receiver_id | must be someone other than you",
            })
    void rejectsWithTheFieldAndTheReasonAndWritesNothing(String body, String field, String reason) {
        http.post()
                .uri("/api/transfers")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body.replace("RECEIVER", receiver.account().toString())
                        .replace("SENDER", sender.account().toString()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(422)
                .jsonPath("$.errors[0].field")
                .isEqualTo(field)
                .jsonPath("$.errors[0].reason")
                .isEqualTo(reason);

        assertThat(fixtures.writesBy(sender)).isZero();
        assertThat(fixtures.balanceOf(sender)).hasToString("100.00");
    }

    /** 33 characters that would otherwise read as 1.00, as text and as a JSON number with as many digits. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/transfers       | \"000000000000000000000000000001.00\"",
                "/api/transfers/quote | \"000000000000000000000000000001.00\"",
                "/api/wallet/top-ups  | \"000000000000000000000000000001.00\"",
                "/api/transfers       | 1.0000000000000000000000000000000",
                "/api/transfers/quote | 1.0000000000000000000000000000000",
                "/api/wallet/top-ups  | 1.0000000000000000000000000000000",
            })
    void refusesAnAmountLongerThan32CharactersOnEveryEndpointThatTakesOne(String uri, String amount) {
        http.post()
                .uri(uri)
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"receiver_id\": " + receiver.account() + ", \"amount\": " + amount + "}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("amount")
                .jsonPath("$.errors[0].reason")
                .isEqualTo("must be at most 32 characters long");

        assertThat(fixtures.writesBy(sender)).isZero();
    }

    @Test
    void namesEveryWrongFieldAtOnce() {
        http.post()
                .uri("/api/transfers")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"receiver_id\": \"x\", \"amount\": \"1.001\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{\"receiver_id\": 5, \"amount\": ", "not json at all", "[1, 2", "\"just a string\""})
    void answersMalformedJsonWith400AndWritesNothing(String body) {
        http.post()
                .uri("/api/transfers")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400);

        assertThat(fixtures.writesBy(sender)).isZero();
    }

    @Test
    void answersAnotherContentTypeWith415() {
        http.post()
                .uri("/api/transfers")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.TEXT_PLAIN)
                .body("receiver_id=1")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);

        assertThat(fixtures.writesBy(sender)).isZero();
    }

    @Test
    void acceptsAJsonNumberWithTwoDecimalsAndQuotesTheFee() {
        http.post()
                .uri("/api/transfers")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"receiver_id\": " + receiver.account() + ", \"amount\": 10.5}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueMatches("Location", "/api/transfers/[0-9a-f-]{36}")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING")
                .jsonPath("$.amount")
                .isEqualTo("10.50")
                .jsonPath("$.fee")
                .isEqualTo("0.16")
                .jsonPath("$.sender_id")
                .isEqualTo(sender.account().value())
                .jsonPath("$.receiver_id")
                .isEqualTo(receiver.account().value())
                .jsonPath("$.created_at")
                .exists();
    }
}
