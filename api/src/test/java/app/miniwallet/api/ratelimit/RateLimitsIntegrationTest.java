package app.miniwallet.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiApplication;
import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.Concurrently;
import app.miniwallet.api.TightRateLimits;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import app.miniwallet.testsupport.stack.WalletTestStackInitializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The limits of every endpoint that costs an email or a guess, shared by all api instances through PostgreSQL. */
@ApiIntegrationTest
@TightRateLimits
class RateLimitsIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    RateLimits limits;

    @Autowired
    JdbcClient jdbc;

    @Value("${local.server.port}")
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "register",
                "verify-email",
                "resend-verification",
                "forgot-password",
                "reset-password",
                "login",
                "search"
            })
    void answersEachEndpoint429WithRetryAfterPastItsLimitFromOneAddress(String endpoint) {
        var oneAddress = fixtures.client();
        for (int i = 0; i < TightRateLimits.PER_ADDRESS; i++) {
            assertThat(call(endpoint, oneAddress))
                    .as("request %d to %s", i + 1, endpoint)
                    .isNotEqualTo(429);
        }

        request(endpoint, oneAddress)
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueMatches("Retry-After", "[1-9][0-9]*")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail ->
                        assertThat((String) detail).startsWith("Too many").contains("Try again in"));
        // another address is let in
        assertThat(call(endpoint, fixtures.client())).isNotEqualTo(429);
    }

    @Test
    void letsTheRightPasswordInOnceTheWindowOfTheFailuresHasPassed() {
        var person = fixtures.personWithNoMoney();
        for (int i = 0; i < TightRateLimits.PER_TARGET; i++) {
            assertThat(login(fixtures.client(), person.email(), "wrong " + i)).isEqualTo(401);
        }

        // the failures came from other addresses: the account's limit holds the right password back, for a while
        var refused = fixtures.client()
                .post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", person.email(), "password", WalletFixtures.PASSWORD))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .returnResult(Map.class);
        assertThat(Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After")))
                .isBetween(
                        1L, Duration.parse("PT" + TightRateLimits.LOGIN_WINDOW).toSeconds());

        // refused attempts are not counted, so asking again and again does not push the end of the wait back
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> login(fixtures.client(), person.email(), WalletFixtures.PASSWORD),
                        status -> status == 200);

        // a success forgets the account's failures: one more failure leaves room for the right password
        assertThat(login(fixtures.client(), person.email(), "wrong again")).isEqualTo(401);
        assertThat(login(fixtures.client(), person.email(), WalletFixtures.PASSWORD))
                .isEqualTo(200);
        assertThat(login(fixtures.client(), person.email(), "wrong once more")).isEqualTo(401);
        assertThat(login(fixtures.client(), person.email(), WalletFixtures.PASSWORD))
                .isEqualTo(200);
    }

    @Test
    void twoApiInstancesCountTheSameFailures() {
        var person = fixtures.personWithNoMoney();
        try (var second = new SpringApplicationBuilder(ApiApplication.class)
                .initializers(new WalletTestStackInitializer())
                .run(secondInstanceArguments())) {
            var secondInstance = RestTestClient.bindToServer()
                    .baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port"))
                    .defaultHeader("X-Forwarded-For", "10.255.0." + (1 + (int) (Math.random() * 250)))
                    .build();

            // warm up: the first request to a new instance is slow, and the sign-in window is short
            assertThat(login(secondInstance, "nobody." + UUID.randomUUID() + "@example.test", "warm up"))
                    .isEqualTo(401);

            assertThat(login(secondInstance, person.email(), "wrong on the second"))
                    .isEqualTo(401);
            assertThat(login(fixtures.client(), person.email(), "wrong on the first"))
                    .isEqualTo(401);
            assertThat(login(fixtures.client(), person.email(), WalletFixtures.PASSWORD))
                    .isEqualTo(429);

            var caller = fixtures.personWithNoMoney();
            assertThat(searchStatus(fixtures.client(), caller)).isEqualTo(200);
            assertThat(searchStatus(secondInstance, caller)).isEqualTo(200);
            assertThat(searchStatus(fixtures.client(), caller)).isEqualTo(429);
            assertThat(searchStatus(secondInstance, caller)).isEqualTo(429);
        }
    }

    /**
     * As shipped ({@code server.forward-headers-strategy: none}) the address is the connection's: a client that names
     * a new address in {@code X-Forwarded-For} on every request still reaches its limit.
     */
    @Test
    void aClientCannotEscapeItsAddressLimitByNamingAnotherAddressUnlessAProxyIsConfigured() {
        var arguments = new ArrayList<>(List.of(secondInstanceArguments()));
        arguments.remove("--server.forward-headers-strategy=native"); // application.yml's: none
        try (var shipped = new SpringApplicationBuilder(ApiApplication.class)
                .initializers(new WalletTestStackInitializer())
                .run(arguments.toArray(String[]::new))) {
            var port = shipped.getEnvironment().getProperty("local.server.port");
            var statuses = new ArrayList<Integer>();
            for (int i = 0; i <= TightRateLimits.PER_ADDRESS; i++) {
                var spoofing = RestTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port)
                        .defaultHeader("X-Forwarded-For", "10.254." + i + ".1")
                        .build();
                statuses.add(post(
                                spoofing,
                                "/api/auth/verify-email",
                                Map.of("token", UUID.randomUUID().toString()))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value());
            }

            // other tests may have counted this loopback address already: then the 429 comes sooner
            assertThat(statuses).contains(429);
        }
    }

    /**
     * An IPv6 subscriber is usually given a whole /64: a client that takes a new address of its block for every request
     * still reaches the block's limit, while the next block is let in.
     */
    @Test
    void anIpv6ClientCannotEscapeItsLimitByWalkingTheAddressesOfItsSlash64() {
        var block =
                "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":7:";
        var statuses = new ArrayList<Integer>();
        for (int i = 1; i <= TightRateLimits.PER_ADDRESS + 1; i++) {
            statuses.add(call("verify-email", clientFrom(block + Integer.toHexString(i) + ":0:0:1")));
        }

        assertThat(statuses.subList(0, TightRateLimits.PER_ADDRESS)).doesNotContain(429);
        assertThat(statuses.get(TightRateLimits.PER_ADDRESS)).isEqualTo(429);
        assertThat(call("verify-email", clientFrom(block.replace(":7:", ":8:") + "1:0:0:1")))
                .as("the next /64")
                .isNotEqualTo(429);
    }

    @Test
    void parallelWrongPasswordsForOneAccountNeverGetMoreGuessesThanTheLimit() {
        var person = fixtures.personWithNoMoney();

        var statuses = Concurrently.run(16, i -> login(fixtures.client(), person.email(), "parallel guess " + i));

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(status -> status == 401)).hasSize(TightRateLimits.PER_TARGET);
    }

    @Test
    void parallelSearchesOfOneCallerFromManyAddressesNeverGetPastTheLimit() {
        var caller = fixtures.personWithNoMoney();

        var statuses = Concurrently.run(10, i -> search(fixtures.client(), caller, "nobody-" + i)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value());

        assertThat(statuses).containsOnly(200, 429);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(TightRateLimits.PER_TARGET);
    }

    /** Behind one shared address (an office, a carrier's NAT), one caller past its own limit uses up nobody else's. */
    @Test
    void aSearchRefusedForTheCallerDoesNotCountAgainstItsAddress() {
        var sharedAddress = fixtures.client();
        var eager = fixtures.personWithNoMoney();
        var other = fixtures.personWithNoMoney();
        for (int i = 0; i < TightRateLimits.PER_TARGET; i++) {
            assertThat(searchStatus(sharedAddress, eager)).isEqualTo(200);
        }
        for (int i = 0; i < TightRateLimits.PER_ADDRESS; i++) {
            assertThat(searchStatus(sharedAddress, eager))
                    .as("past its own limit")
                    .isEqualTo(429);
        }

        assertThat(searchStatus(sharedAddress, other)).isEqualTo(200);
    }

    @Test
    void parallelForgotPasswordRequestsFromOneAddressNeverGetPastTheLimit() {
        var oneAddress = fixtures.client();

        var statuses = Concurrently.run(10, i -> forgot(oneAddress, "nobody-" + UUID.randomUUID() + "@example.test"));

        assertThat(statuses).containsOnly(202, 429);
        assertThat(statuses.stream().filter(status -> status == 202)).hasSize(TightRateLimits.PER_ADDRESS);
    }

    @Test
    void keepsNoPlainEmailAddress() {
        var email = "plain." + UUID.randomUUID() + "@example.test";
        assertThat(forgot(fixtures.client(), email)).isEqualTo(202);
        assertThat(login(fixtures.client(), email, "a guess")).isEqualTo(401);

        assertThat(jdbc.sql("select count(*) from rate_limits where position(convert_to(?, 'UTF8') in key_hash) > 0")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void deletesARowOnceItsNewestHitIsAWindowOld() {
        var key = "prune-" + UUID.randomUUID();
        assertThat(limits.hit(Limit.LOGIN_FAILURES_PER_ACCOUNT, key)).isEmpty();
        assertThat(rowsOf(Limit.LOGIN_FAILURES_PER_ACCOUNT, key)).isOne();

        limits.prune();
        assertThat(rowsOf(Limit.LOGIN_FAILURES_PER_ACCOUNT, key))
                .as("still counting")
                .isOne();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            limits.prune();
            return rowsOf(Limit.LOGIN_FAILURES_PER_ACCOUNT, key) == 0;
        });
    }

    private long rowsOf(Limit limit, String key) {
        return jdbc.sql("select count(*) from rate_limits where scope = ? and key_hash = ?")
                .params(limit.scope(), limits.hash(limit, key))
                .query(Long.class)
                .single();
    }

    /**
     * The test context's own settings, so the second instance limits alike; it answers on a port of its own. As
     * command-line arguments: they come before application.yml, as the test's properties do.
     */
    private static String[] secondInstanceArguments() {
        var properties = new ArrayList<>(List.of(
                TightRateLimits.class.getAnnotation(TestPropertySource.class).properties()));
        properties.add("server.port=0");
        properties.add("server.forward-headers-strategy=native");
        properties.add("wallet.top-ups.mode=instant"); // as ApiIntegrationTest: no payment provider here
        return properties.stream().map(property -> "--" + property).toArray(String[]::new);
    }

    /** One request to the endpoint about someone new each time, so only the address's limit can be reached. */
    private int call(String endpoint, RestTestClient client) {
        return request(endpoint, client)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private RestTestClient.RequestHeadersSpec<?> request(String endpoint, RestTestClient client) {
        var fresh = UUID.randomUUID().toString();
        var password = "a long enough password";
        return switch (endpoint) {
            case "register" ->
                post(
                        client,
                        "/api/auth/register",
                        Map.of(
                                "name",
                                "Limited",
                                "email",
                                fresh + "@example.test",
                                "password",
                                password,
                                "password_confirmation",
                                password));
            case "verify-email" -> post(client, "/api/auth/verify-email", Map.of("token", fresh));
            case "resend-verification" ->
                post(client, "/api/auth/verify-email/resend", Map.of())
                        .header("Authorization", fixtures.personWithNoMoney().bearer());
            case "forgot-password" ->
                post(client, "/api/auth/forgot-password", Map.of("email", fresh + "@example.test"));
            case "reset-password" ->
                post(
                        client,
                        "/api/auth/reset-password",
                        Map.of("token", fresh, "password", password, "password_confirmation", password));
            case "login" ->
                post(client, "/api/auth/login", Map.of("email", fresh + "@example.test", "password", "a guess"));
            case "search" -> search(client, fixtures.personWithNoMoney(), "someone");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private static RestTestClient.RequestHeadersSpec<?> post(RestTestClient client, String uri, Map<String, ?> body) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static RestTestClient.RequestHeadersSpec<?> search(RestTestClient client, Person caller, String query) {
        return client.get()
                .uri(builder ->
                        builder.path("/api/users").queryParam("query", query).build())
                .header("Authorization", caller.bearer());
    }

    private static int searchStatus(RestTestClient client, Person caller) {
        return search(client, caller, "someone")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private static int login(RestTestClient client, String email, String password) {
        return post(client, "/api/auth/login", Map.of("email", email, "password", password))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private static int forgot(RestTestClient client, String email) {
        return post(client, "/api/auth/forgot-password", Map.of("email", email))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private RestTestClient clientFrom(String address) {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-Forwarded-For", address)
                .build();
    }
}
