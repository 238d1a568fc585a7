package app.miniwallet.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;

/** Whatever a client sends, the answer is a 4xx problem, never a 500, and nothing is written. */
@ApiIntegrationTest
class BadInputIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    Environment environment;

    @Test
    void refusesAHugeBodyWith413BeforeReadingIt() {
        var sender = fixtures.personWith("10.00");
        var huge = "{\"receiver_id\": 1, \"amount\": \"" + "9".repeat(200_000) + "\"}";

        fixtures.client()
                .post()
                .uri("/api/transfers")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(huge)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fixtures.writesBy(sender)).isZero();
    }

    @Test
    void refusesAHugeChunkedBodyWith413WhileReadingIt() throws Exception {
        var sender = fixtures.personWith("10.00");
        var body =
                ("{\"receiver_id\": 1, \"amount\": \"1.00\", \"padding\": \"" + "x".repeat(200_000) + "\"}").getBytes();
        var request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + environment.getProperty("local.server.port") + "/api/transfers"))
                .header("Authorization", sender.bearer())
                .header("Content-Type", "application/json")
                // a stream of unknown length goes out chunked, with no Content-Length to judge by
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fixtures.writesBy(sender)).isZero();
    }

    @Test
    void answersAnUnknownEndpointAndAWrongMethodWithProblems() {
        var person = fixtures.personWithNoMoney();
        fixtures.client()
                .get()
                .uri("/api/no-such-thing")
                .header("Authorization", person.bearer())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        fixtures.client()
                .delete()
                .uri("/api/transfers")
                .header("Authorization", person.bearer())
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersTextThatCannotBeStoredAndBrokenFormEncodingWith4xxNot500() {
        var person = fixtures.personWith("10.00");
        fixtures.client()
                .get()
                .uri(URI.create("/api/users?query=nul%00byte"))
                .header("Authorization", person.bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("[]");
        fixtures.client()
                .post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\": \"a\\u0000b@example.test\", \"password\": \"whatever\"}")
                .exchange()
                .expectStatus()
                .is4xxClientError();
        fixtures.client()
                .post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"nul\\u0000name\", \"email\": \"" + java.util.UUID.randomUUID()
                        + "@example.test\", \"password\": \"long enough\", \"password_confirmation\": \"long enough\"}")
                .exchange()
                .expectStatus()
                .is4xxClientError();
        for (var uri : new String[] {"/api/transfers", "/api/auth/verify-email", "/api/auth/login"}) {
            fixtures.client()
                    .post()
                    .uri(uri)
                    .header("Authorization", person.bearer())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body("{\"receiver_id\": \"%s%n%x\", \"amount\": \"12,50\u0007\"}")
                    .exchange()
                    .expectStatus()
                    .is4xxClientError();
        }
        assertThat(fixtures.writesBy(person)).isZero();
    }

    @Test
    void takesUnicodeAndInjectionTextAsPlainText() {
        var sender = fixtures.personWith("10.00");
        for (var amount :
                new String[] {"'; drop table transfers; --", "<script>alert(1)</script>", "١٢٫٣٤", "12.34\u0000"}) {
            fixtures.client()
                    .post()
                    .uri("/api/transfers")
                    .header("Authorization", sender.bearer())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(java.util.Map.of("receiver_id", 1, "amount", amount))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422);
        }
        assertThat(fixtures.writesBy(sender)).isZero();
    }
}
