package app.miniwallet.testsupport.payment;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.net.FreePort;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake provider over real HTTP, with a receiver in place of the api that records each webhook. */
class FakePaymentProviderIntegrationTest {

    private static final String SECRET = "a-webhook-secret-of-the-test-0123456789abcdef";
    private static final String TOP_UP = "0193c2a4-5b6e-7c8d-9e0f-1a2b3c4d5e6f";
    /** HMAC-SHA256 with key "key" of "1700000000.{}", computed apart (openssl dgst -sha256 -hmac key). */
    private static final String KNOWN_HMAC = "9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Webhook> received = new CopyOnWriteArrayList<>();
    private HttpServer wallet;
    private FakePaymentProvider provider;

    record Webhook(String signature, String body) {}

    @BeforeEach
    void start() throws IOException {
        wallet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        wallet.createContext("/api/payments/webhook", exchange -> {
            try (exchange) {
                received.add(new Webhook(
                        exchange.getRequestHeaders().getFirst("Payment-Signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        wallet.start();
        var walletUrl = URI.create("http://127.0.0.1:" + wallet.getAddress().getPort() + "/");
        provider = FakePaymentProvider.start(
                FreePort.find(), walletUrl.resolve("/api/payments/webhook"), SECRET, walletUrl);
    }

    @AfterEach
    void stop() {
        provider.close();
        wallet.stop(0);
    }

    @Test
    void theCheckoutPageOffersToPayOrDeclineTheTopUpItWasSentWith() throws Exception {
        var page = get(provider.checkoutUrl() + "?top_up_id=" + TOP_UP + "&amount=40.00");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Pay 40.00</h1>", TOP_UP, "data-pay", "data-decline");
        assertThat(provider.checkoutUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(received).isEmpty();
    }

    @Test
    void payingSendsTheSucceededWebhookSignedWithTheSharedSecretOverTimestampAndBody() throws Exception {
        var before = Instant.now().getEpochSecond();

        var answer = post("outcome=pay&top_up_id=" + TOP_UP + "&amount=40.00");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Paid 40.00.");
        assertThat(received).singleElement().satisfies(webhook -> {
            assertThat(webhook.body())
                    .isEqualTo(
                            "{\"type\":\"payment.succeeded\",\"top_up_id\":\"" + TOP_UP + "\",\"amount\":\"40.00\"}");
            var timestamp = Long.parseLong(webhook.signature().replaceFirst("^t=(\\d+),v1=[0-9a-f]{64}$", "$1"));
            assertThat(timestamp).isBetween(before, Instant.now().getEpochSecond());
            assertThat(webhook.signature())
                    .isEqualTo(FakePaymentProvider.signature(
                            webhook.body().getBytes(StandardCharsets.UTF_8),
                            Instant.ofEpochSecond(timestamp),
                            SECRET.getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void decliningSendsTheDeclinedWebhook() throws Exception {
        var answer = post("outcome=decline&top_up_id=" + TOP_UP + "&amount=40.00");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(received)
                .singleElement()
                .extracting(Webhook::body)
                .asString()
                .startsWith("{\"type\":\"payment.declined\"");
    }

    @Test
    void aKnownSignatureStaysTheSame() {
        // the scheme cannot drift unnoticed
        assertThat(FakePaymentProvider.signature(
                        "{}".getBytes(StandardCharsets.UTF_8),
                        Instant.ofEpochSecond(1_700_000_000L),
                        "key".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=" + KNOWN_HMAC);
    }

    @Test
    void nothingButATopUpIdAndAnAmountReachesThePageOrAWebhook() throws Exception {
        var injected = get(provider.checkoutUrl() + "?top_up_id=%3Cscript%3E&amount=40.00");
        var badAmount = post("outcome=pay&top_up_id=" + TOP_UP + "&amount=40%22,%22x%22:%221");
        var badEscape = post("outcome=pay&top_up_id=%zz&amount=40.00");

        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(injected.body()).doesNotContain("<script>");
        assertThat(badAmount.statusCode()).isEqualTo(400);
        assertThat(badEscape.statusCode()).isEqualTo(400);
        assertThat(received).isEmpty();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(provider.checkoutUrl())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
