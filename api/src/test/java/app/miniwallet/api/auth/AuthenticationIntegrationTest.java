package app.miniwallet.api.auth;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

@ApiIntegrationTest
class AuthenticationIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    private final AccessTokenSigner tokens = new AccessTokenSigner(WalletTestStack.JWT_SECRET, Duration.ofHours(1));

    @Test
    void signsInWithEmailAndPasswordAndTheTokenOpensTheApi() {
        var person = fixtures.personWith("12.34");
        var http = fixtures.client();

        var login = http.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\": \"" + person.email().toUpperCase() + "\", \"password\": \"" + WalletFixtures.PASSWORD
                        + "\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.token_type")
                .isEqualTo("Bearer")
                .jsonPath("$.expires_in")
                .isEqualTo(3600)
                .jsonPath("$.user.id")
                .isEqualTo(person.account().value())
                .jsonPath("$.user.name")
                .isEqualTo(person.name())
                .jsonPath("$.user.email")
                .isEqualTo(person.email())
                .returnResult();
        var token = com.jayway.jsonpath.JsonPath.read(
                new String(login.getResponseBody(), StandardCharsets.UTF_8), "$.access_token");

        http.get()
                .uri("/api/me")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(person.account().value())
                .jsonPath("$.balance")
                .isEqualTo("12.34")
                .jsonPath("$.email_verified")
                .isEqualTo(true);
    }

    @Test
    void answersAWrongPasswordAndAnUnknownEmailTheSameWay() {
        var person = fixtures.personWithNoMoney();
        var http = fixtures.client();

        for (var body : new String[] {
            "{\"email\": \"" + person.email() + "\", \"password\": \"wrong password\"}",
            "{\"email\": \"nobody-" + person.email() + "\", \"password\": \"" + WalletFixtures.PASSWORD + "\"}"
        }) {
            http.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("The email or password is not correct.")
                    .jsonPath("$.access_token")
                    .doesNotExist();
        }
    }

    @Test
    void asksForTheMissingCredentials() {
        fixtures.client()
                .post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("email")
                .jsonPath("$.errors[1].field")
                .isEqualTo("password");
    }

    @Test
    void opensTheApiToATokenSignedAsItSignsThemAtSignIn() {
        var person = fixtures.personWith("5.00");

        fixtures.client()
                .get()
                .uri("/api/me")
                .header(
                        "Authorization",
                        "Bearer "
                                + tokens.sign(person.account().value(), Instant.now())
                                        .value())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(person.account().value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/me",
                "GET /api/transactions",
                "POST /api/transfers",
                "POST /api/wallet/top-ups",
                "GET /api/transfers/00000000-0000-0000-0000-000000000000"
            })
    void refusesEveryApiEndpointWithoutAValidToken(String endpoint) {
        var person = fixtures.personWith("10.00");
        var method = HttpMethod.valueOf(endpoint.split(" ")[0]);
        var path = endpoint.split(" ")[1];
        var tampered = tampered(person.token());
        var user = person.account().value();
        // everything a token of the api carries (an id, the user's generation), so only what a case changes is wrong
        var expired = tokens.sign(user, Instant.now().minusSeconds(7200)).value();
        var foreign = new AccessTokenSigner("another-secret-that-is-long-enough-0123456789", Duration.ofHours(1))
                .sign(user, Instant.now())
                .value();
        var anotherIssuer =
                tokens.issuedBy("another-wallet").sign(user, Instant.now()).value();
        var noIssuer = tokens.withoutIssuer().sign(user, Instant.now()).value();

        for (var authorization : new String[] {
            null,
            "Bearer ",
            "Bearer not-a-jwt",
            "Bearer " + tampered,
            "Bearer " + expired,
            "Bearer " + foreign,
            "Bearer " + anotherIssuer,
            "Bearer " + noIssuer,
            "Basic dXNlcjpwYXNz"
        }) {
            var request = fixtures.client().method(method).uri(path);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    /** The payload says another user; the signature no longer matches. */
    private static String tampered(String token) {
        var parts = token.split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"\\d+\"", "\"sub\":\"1000\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + parts[2];
    }
}
