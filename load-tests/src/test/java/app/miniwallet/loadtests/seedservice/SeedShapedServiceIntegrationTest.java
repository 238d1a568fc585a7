package app.miniwallet.loadtests.seedservice;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.stack.WalletTestStack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seed-shaped service in this JVM, on a PostgreSQL of its own, called over HTTP as the benchmark calls it. */
class SeedShapedServiceIntegrationTest {

    private static final String SECRET = "seed-shaped-service-test-secret-0123456789";
    private static final AccessTokenSigner signer = new AccessTokenSigner(SECRET, Duration.ofHours(1));
    private static final AtomicLong userIds = new AtomicLong(1_000);

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext service;
    private static JdbcClient db;
    private static URI transfers;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        postgres = WalletTestStack.startOwnPostgres();
        var jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/wallet";
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser("wallet");
        dataSource.setPassword("wallet");
        SeedServiceTables.create(dataSource, Map.of());
        db = JdbcClient.create(dataSource);
        service = SeedShapedService.start(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--spring.datasource.hikari.minimum-idle=1",
                "--seed-service.jwt-secret=" + SECRET);
        transfers = URI.create(
                "http://localhost:" + service.getEnvironment().getProperty("local.server.port") + "/api/transfers");
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void movesTheAmountAndTheFeeAndWritesOneLedgerRow() {
        var alice = userWithBalance(100_00);
        var bob = userWithBalance(0);

        var answer = transfer(alice, bob, "\"12.34\"");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var body = json.readTree(answer.body());
        assertThat(body.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(body.get("amount").asString()).isEqualTo("12.34");
        assertThat(body.get("fee").asString()).isEqualTo("0.19");
        var id = UUID.fromString(body.get("id").asString());
        assertThat(balanceOf(alice)).isEqualTo(100_00 - 12_34 - 19);
        assertThat(balanceOf(bob)).isEqualTo(12_34);
        assertThat(db.sql("select id, receiver_id, amount, fee from seed_service.transactions where sender_id = ?")
                        .param(alice)
                        .query((row, number) ->
                                List.of(row.getObject(1, UUID.class), row.getLong(2), row.getLong(3), row.getLong(4)))
                        .list())
                .containsExactly(List.of(id, bob, 12_34L, 19L));
    }

    @ParameterizedTest
    @CsvSource({"0.10, 0.00", "0.30, 0.00", "0.33, 0.00", "0.34, 0.01", "1.00, 0.02", "0.99, 0.01", "12.34, 0.19"})
    void roundsTheFeeOfOnePointFivePercentHalfUpToTheCent(String amount, String fee) {
        var alice = userWithBalance(100_00);
        var bob = userWithBalance(0);

        var answer = transfer(alice, bob, "\"" + amount + "\"");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(json.readTree(answer.body()).get("fee").asString()).isEqualTo(fee);
        assertThat(balanceOf(alice)).isEqualTo(100_00 - minor(amount) - minor(fee));
    }

    @Test
    void rejectsATransferTheBalanceDoesNotCoverAndWritesNothing() {
        var alice = userWithBalance(1_01);
        var bob = userWithBalance(0);

        var answer = transfer(alice, bob, "\"1.00\"");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(answer.body()).get("reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(balanceOf(alice)).isEqualTo(1_01);
        assertThat(balanceOf(bob)).isZero();
        assertThat(transactionsOf(alice)).isZero();
    }

    @Test
    void movesABalanceThatCoversTheAmountAndTheFeeExactly() {
        var alice = userWithBalance(1_02);
        var bob = userWithBalance(0);

        assertThat(transfer(alice, bob, "\"1.00\"").statusCode()).isEqualTo(201);
        assertThat(balanceOf(alice)).isZero();
    }

    @Test
    void rejectsAnUnknownReceiverAndTheSenderItself() {
        var alice = userWithBalance(100_00);

        var unknown = transfer(alice, userIds.incrementAndGet(), "\"1.00\"");
        var itself = transfer(alice, alice, "\"1.00\"");

        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json.readTree(unknown.body()).get("reason").asString()).isEqualTo("UNKNOWN_RECEIVER");
        assertThat(itself.statusCode()).isEqualTo(422);
        assertThat(json.readTree(itself.body()).get("detail").asString()).contains("receiver_id");
        assertThat(balanceOf(alice)).isEqualTo(100_00);
        assertThat(transactionsOf(alice)).isZero();
    }

    @Test
    void refusesARequestWithoutAValidToken() {
        var alice = userWithBalance(100_00);
        var bob = userWithBalance(0);
        var body = "{\"receiver_id\":" + bob + ",\"amount\":\"1.00\"}";
        var now = Instant.now();

        var none = send(HttpRequest.newBuilder(transfers), body);
        var otherSecret = send(
                withToken(new AccessTokenSigner("another-secret-for-access-tokens-0123456789", Duration.ofHours(1))
                        .sign(alice, now)
                        .value()),
                body);
        var otherIssuer =
                send(withToken(signer.issuedBy("someone-else").sign(alice, now).value()), body);
        var expired = send(
                withToken(signer.sign(alice, now.minus(Duration.ofHours(2))).value()), body);

        for (var answer : List.of(none, otherSecret, otherIssuer, expired)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(balanceOf(alice)).isEqualTo(100_00);
    }

    @Test
    void answersAMalformedBodyWithAProblemThatNamesTheField() {
        var alice = userWithBalance(100_00);
        var bob = userWithBalance(0);

        var notJson = send(withToken(tokenOf(alice)), "{\"receiver_id\":");
        var noReceiver = send(withToken(tokenOf(alice)), "{\"amount\":\"1.00\"}");
        var notANumber = transfer(alice, bob, "\"ten\"");
        var tooPrecise = transfer(alice, bob, "\"1.234\"");
        var negative = transfer(alice, bob, "\"-1.00\"");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fieldsOf(noReceiver)).containsExactly("receiver_id");
        for (var answer : List.of(notANumber, tooPrecise, negative)) {
            assertThat(fieldsOf(answer)).as(answer.body()).containsExactly("amount");
        }
        assertThat(balanceOf(alice)).isEqualTo(100_00);
        assertThat(transactionsOf(alice)).isZero();
    }

    @Test
    void concurrentOppositeTransfersBetweenTwoUsersAllCompleteAndKeepTheTotal() {
        var alice = userWithBalance(1_000_00);
        var bob = userWithBalance(1_000_00);
        var each = 100;

        var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < each; i++) {
            answers.add(transferAsync(alice, bob, "\"1.00\""));
            answers.add(transferAsync(bob, alice, "\"1.00\""));
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join().statusCode())
                .as(answer.join().body())
                .isEqualTo(201));
        // each paid 100 × (1.00 + 0.02 fee) and received 100 × 1.00
        assertThat(balanceOf(alice)).isEqualTo(1_000_00 - each * 2);
        assertThat(balanceOf(bob)).isEqualTo(1_000_00 - each * 2);
        var fees = db.sql("select coalesce(sum(fee), 0) from seed_service.transactions where sender_id in (?, ?)")
                .params(alice, bob)
                .query(Long.class)
                .single();
        assertThat(balanceOf(alice) + balanceOf(bob) + fees).isEqualTo(2_000_00);
        assertThat(transactionsOf(alice) + transactionsOf(bob)).isEqualTo(2L * each);
    }

    private static long userWithBalance(long balanceMinor) {
        var id = userIds.incrementAndGet();
        db.sql("insert into seed_service.users (id, balance) values (?, ?)")
                .params(id, balanceMinor)
                .update();
        return id;
    }

    private static long balanceOf(long user) {
        return db.sql("select balance from seed_service.users where id = ?")
                .param(user)
                .query(Long.class)
                .single();
    }

    private static long transactionsOf(long sender) {
        return db.sql("select count(*) from seed_service.transactions where sender_id = ?")
                .param(sender)
                .query(Long.class)
                .single();
    }

    private static long minor(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    private static String tokenOf(long user) {
        return signer.sign(user, Instant.now()).value();
    }

    private HttpResponse<String> transfer(long sender, long receiver, String amountJson) {
        return transferAsync(sender, receiver, amountJson).join();
    }

    private CompletableFuture<HttpResponse<String>> transferAsync(long sender, long receiver, String amountJson) {
        var request = withToken(tokenOf(sender))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"receiver_id\":" + receiver + ",\"amount\":" + amountJson + "}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder withToken(String token) {
        return HttpRequest.newBuilder(transfers).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String body) {
        return http.sendAsync(
                        request.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .join();
    }

    private List<String> fieldsOf(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var fields = new ArrayList<String>();
        for (JsonNode error : json.readTree(answer.body()).get("errors")) {
            fields.add(error.get("field").asString());
        }
        return fields;
    }
}
