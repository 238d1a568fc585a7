package app.miniwallet.api.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiApplication;
import app.miniwallet.api.Concurrently;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import app.miniwallet.api.transfer.TopUpSettings;
import app.miniwallet.contracts.Topics;
import app.miniwallet.testsupport.kafka.TopicReader;
import app.miniwallet.testsupport.stack.WalletTestStack;
import app.miniwallet.testsupport.stack.WalletTestStackInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * The api as it runs outside the dev profile, where nothing sets the top-up mode: a top-up awaits its payment, and
 * only the payment provider's correctly signed, fresh webhook puts it into the pipeline, once.
 */
@SpringBootTest(
        classes = ApiApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wallet.outbox.poll-interval=200ms",
            "wallet.top-ups.provider.webhook-secret=" + ProviderTopUpIntegrationTest.SECRET,
            "wallet.top-ups.provider.checkout-url=https://pay.example.test/checkout"
        })
@ContextConfiguration(initializers = WalletTestStackInitializer.class)
@Import(WalletFixtures.class)
class ProviderTopUpIntegrationTest {

    static final String SECRET = "a-webhook-secret-of-the-test-0123456789abcdef";

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TopUpSettings settings;

    @Autowired
    Environment environment;

    Person person;

    @BeforeEach
    void aPersonWithNoMoney() {
        person = fixtures.personWithNoMoney();
    }

    @Test
    void theModeIsTheProvidersOutsideTheDevProfile() {
        assertThat(environment.getActiveProfiles()).doesNotContain("dev");
        assertThat(settings.mode()).isEqualTo(TopUpSettings.Mode.PROVIDER);
    }

    @Test
    void aTopUpAwaitsItsPaymentWithTheProvidersCheckoutAndNothingForThePipeline() {
        var answer = topUp("250.00", null);

        assertThat(answer.getStatus().value()).isEqualTo(202);
        var body = answer.getResponseBody();
        var id = (String) body.get("id");
        assertThat(body.get("status")).isEqualTo("AWAITING_PAYMENT");
        assertThat(body.get("checkout_url"))
                .isEqualTo("https://pay.example.test/checkout?top_up_id=" + id + "&amount=250.00");
        assertThat(statusOf(id)).isEqualTo("AWAITING_PAYMENT");
        assertThat(outboxRowsFor(id)).isZero();
        assertThat(balanceOf(person)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHistoryOffersTheCheckoutOfATopUpOnlyWhileItAwaitsItsPayment() {
        var awaiting = (String) topUp("12.00", null).getResponseBody().get("id");
        var paid = (String) topUp("13.00", null).getResponseBody().get("id");
        var body = webhookBody("payment.succeeded", paid, "13.00");
        webhook(signature(SECRET, Instant.now(), body), body);

        var entries = (List<Map<String, Object>>) fixtures.client()
                .get()
                .uri("/api/transactions")
                .header("Authorization", person.bearer())
                .exchange()
                .returnResult(Map.class)
                .getResponseBody()
                .get("transactions");

        assertThat(entries)
                .filteredOn(entry -> entry.get("id").equals(awaiting))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.get("status")).isEqualTo("AWAITING_PAYMENT");
                    assertThat(entry.get("checkout_url"))
                            .isEqualTo("https://pay.example.test/checkout?top_up_id=" + awaiting + "&amount=12.00");
                });
        assertThat(entries)
                .filteredOn(entry -> entry.get("id").equals(paid))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.get("status")).isEqualTo("PENDING");
                    assertThat(entry).doesNotContainKey("checkout_url");
                });
    }

    @Test
    void aRepeatedRequestWithItsKeyGetsTheSameTopUpAndCheckout() {
        var key = UUID.randomUUID().toString();

        var first = topUp("40.00", key);
        var repeat = topUp("40.00", key);

        assertThat(repeat.getStatus().value()).isEqualTo(202);
        assertThat(repeat.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.sql("select count(*) from transfers where requested_by = ?")
                        .param(person.account().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRepeatedRequestAfterThePaymentSendsNobodyToPayAgain() {
        var key = UUID.randomUUID().toString();
        var id = (String) topUp("41.00", key).getResponseBody().get("id");
        var body = webhookBody("payment.succeeded", id, "41.00");
        webhook(signature(SECRET, Instant.now(), body), body);

        var repeat = topUp("41.00", key);

        assertThat(repeat.getResponseBody().get("id")).isEqualTo(id);
        assertThat(repeat.getResponseBody().get("status")).isEqualTo("PENDING");
        assertThat(repeat.getResponseBody()).doesNotContainKey("checkout_url");
    }

    @Test
    void aPaidWebhookPutsTheTopUpIntoThePipelineOnceHoweverOftenItComes() {
        var id = (String) topUp("75.25", null).getResponseBody().get("id");
        var body = webhookBody("payment.succeeded", id, "75.25");
        var header = signature(SECRET, Instant.now(), body);

        // the provider retries, and a replayed copy races it
        var answers = Concurrently.run(3, attempt -> webhook(header, body));

        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.getStatus().value()).isEqualTo(200));
        assertThat(answers.stream().filter(answer -> answer.getResponseBody().get("replayed") == Boolean.FALSE))
                .hasSize(1);
        assertThat(statusOf(id)).isEqualTo("PENDING");
        assertThat(reasonOf(id)).isNull();
        // once relayed, the outbox is empty of it: exactly one request for the processor reached Kafka
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(outboxRowsFor(id)).isZero());
        assertThat(requestsOnKafkaFor(id)).isEqualTo(1);
        assertThat(webhook(header, body).getStatus().value()).isEqualTo(200);
        assertThat(requestsOnKafkaFor(id)).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentEntersThePipelineWithItsReasonSoTheProcessorRejectsIt() {
        var id = (String) topUp("60.00", null).getResponseBody().get("id");
        var body = webhookBody("payment.declined", id, "60.00");

        var answer = webhook(signature(SECRET, Instant.now(), body), body);

        assertThat(answer.getStatus().value()).isEqualTo(200);
        assertThat(statusOf(id)).isEqualTo("PENDING");
        assertThat(reasonOf(id)).isEqualTo("PAYMENT_DECLINED");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(requestsOnKafkaFor(id)).isEqualTo(1));
        // the provider cannot change its mind afterwards
        var paid = webhookBody("payment.succeeded", id, "60.00");
        assertThat(webhook(signature(SECRET, Instant.now(), paid), paid)
                        .getStatus()
                        .value())
                .isEqualTo(409);
        assertThat(reasonOf(id)).isEqualTo("PAYMENT_DECLINED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "unsigned",
                "signed with another secret",
                "signed 6 minutes ago",
                "a malformed header",
                "the signature of another body",
                "an unknown top-up",
                "a body that is not JSON",
                "a body without the amount",
                "another type of event"
            })
    void aWebhookThatIsNotTheProvidersWordOnAKnownTopUpIs400AndChangesNothing(String webhook) {
        var id = (String) topUp("30.00", null).getResponseBody().get("id");
        var paid = webhookBody("payment.succeeded", id, "30.00");
        var now = Instant.now();
        var sent =
                switch (webhook) {
                    case "unsigned" -> webhook(null, paid);
                    case "signed with another secret" ->
                        webhook(signature("another-secret-of-at-least-32-bytes-0123456789", now, paid), paid);
                    case "signed 6 minutes ago" ->
                        webhook(signature(SECRET, now.minus(Duration.ofMinutes(6)), paid), paid);
                    case "a malformed header" -> webhook("v1=" + "ab".repeat(32) + ",t=", paid);
                    case "the signature of another body" ->
                        webhook(signature(SECRET, now, webhookBody("payment.succeeded", id, "3000.00")), paid);
                    case "an unknown top-up" -> {
                        var unknown = webhookBody(
                                "payment.succeeded", UUID.randomUUID().toString(), "30.00");
                        yield webhook(signature(SECRET, now, unknown), unknown);
                    }
                    case "a body that is not JSON" -> {
                        var notJson = "{\"type\": \"payment.succeeded\", \"top_up_id\": \"" + id;
                        yield webhook(signature(SECRET, now, notJson), notJson);
                    }
                    case "a body without the amount" -> {
                        var noAmount = "{\"type\": \"payment.succeeded\", \"top_up_id\": \"" + id + "\"}";
                        yield webhook(signature(SECRET, now, noAmount), noAmount);
                    }
                    case "another type of event" -> {
                        var other = webhookBody("payment.refunded", id, "30.00");
                        yield webhook(signature(SECRET, now, other), other);
                    }
                    default -> throw new IllegalArgumentException(webhook);
                };

        assertThat(sent.getStatus().value()).isEqualTo(400);
        assertThat(sent.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((String) sent.getResponseBody().get("detail")).isNotBlank();
        assertThat(statusOf(id)).isEqualTo("AWAITING_PAYMENT");
        assertThat(outboxRowsFor(id)).isZero();
    }

    @Test
    void aSignatureMadeWithTheNextSecretBesideTheOldOneIsAccepted() {
        var id = (String) topUp("20.00", null).getResponseBody().get("id");
        var body = webhookBody("payment.succeeded", id, "20.00");
        var now = Instant.now();
        var rotating = signature("the-next-secret-not-yet-configured-0123456789", now, body) + ","
                + signature(SECRET, now, body).replaceFirst("^t=\\d+,", "");

        assertThat(webhook(rotating, body).getStatus().value()).isEqualTo(200);
        assertThat(statusOf(id)).isEqualTo("PENDING");
    }

    @Test
    void concurrentTopUpsOfOnePersonStayWithinTheDailyLimit() {
        // 10000.00 in 24 hours: eight requests of 2000.00 at once leave room for five
        var answers = Concurrently.run(8, attempt -> topUp("2000.00", null));

        assertThat(answers.stream().filter(answer -> answer.getStatus().value() == 202))
                .hasSize(5);
        var refused = answers.stream()
                .filter(answer -> answer.getStatus().value() != 202)
                .toList();
        assertThat(refused).hasSize(3).allSatisfy(answer -> {
            assertThat(answer.getStatus().value()).isEqualTo(422);
            assertThat(answer.getResponseBody().get("errors"))
                    .isEqualTo(List.of(Map.of(
                            "field",
                            "amount",
                            "reason",
                            "is more than you may still top up: at most 10000.00 in 24 hours, 0.00 of it left")));
        });
        assertThat(jdbc.sql("select sum(amount_minor) from transfers where requested_by = ?")
                        .param(person.account().value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1_000_000L);
    }

    @Test
    void aCheckoutOpenedMoreThanADayAgoStillCountsAgainstTheLimitUntilItIsPaidOrDeclined() {
        for (var checkout : List.of(topUp("5000.00", null), topUp("5000.00", null))) {
            // opened two days ago and never paid: it can still be paid, so it still holds its share
            jdbc.sql("update transfers set created_at = now() - interval '2 days' where id = ?")
                    .param(UUID.fromString((String) checkout.getResponseBody().get("id")))
                    .update();
        }

        var answer = topUp("1.00", null);
        assertThat(answer.getStatus().value()).isEqualTo(422);
        assertThat(answer.getResponseBody().get("errors").toString()).contains("0.00 of it left");
    }

    @Test
    void aDeclinedTopUpLeavesItsShareOfTheDailyLimitFree() {
        var declined = (String) topUp("5000.00", null).getResponseBody().get("id");
        topUp("5000.00", null);
        assertThat(topUp("0.01", null).getStatus().value()).isEqualTo(422);

        // the processor's rejection, as it would record it
        var body = webhookBody("payment.declined", declined, "5000.00");
        webhook(signature(SECRET, Instant.now(), body), body);
        jdbc.sql(
                        """
                        update transfers set status = 'REJECTED', applied_partition = -1, applied_offset = -1,
                               sender_balance_after = 0, completed_at = now() where id = ?""")
                .param(UUID.fromString(declined))
                .update();

        assertThat(topUp("5000.00", null).getStatus().value()).isEqualTo(202);
    }

    private EntityExchangeResult<Map> topUp(String amount, String idempotencyKey) {
        var request = fixtures.client()
                .post()
                .uri("/api/wallet/top-ups")
                .header("Authorization", person.bearer())
                .contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.body("{\"amount\": \"" + amount + "\"}").exchange().returnResult(Map.class);
    }

    private EntityExchangeResult<Map> webhook(String signature, String body) {
        var request = fixtures.client().post().uri("/api/payments/webhook").contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request = request.header("Payment-Signature", signature);
        }
        return request.body(body.getBytes(StandardCharsets.UTF_8)).exchange().returnResult(Map.class);
    }

    private static String webhookBody(String type, String topUpId, String amount) {
        return "{\"type\": \"" + type + "\", \"top_up_id\": \"" + topUpId + "\", \"amount\": \"" + amount + "\"}";
    }

    /** The provider's header, computed here on its own rather than with the code under test. */
    private static String signature(String secret, Instant at, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var timestamp = Long.toString(at.getEpochSecond());
            var digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String statusOf(String id) {
        return jdbc.sql("select status from transfers where id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .single();
    }

    private String reasonOf(String id) {
        return jdbc.sql("select reason from transfers where id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long outboxRowsFor(String id) {
        return jdbc.sql("select count(*) from outbox where payload ->> 'transfer_id' = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private long balanceOf(Person person) {
        return jdbc.sql("select balance_minor from accounts where id = ?")
                .param(person.account().value())
                .query(Long.class)
                .single();
    }

    private static long requestsOnKafkaFor(String id) {
        return TopicReader.readCommitted(WalletTestStack.shared().kafkaBootstrapServers())
                .readToEnd(Topics.TRANSFER_REQUESTS)
                .stream()
                .filter(record -> record.value().contains(id))
                .count();
    }
}
