package app.miniwallet.testsupport.payment;

import static app.miniwallet.testsupport.mail.MailWebView.escape;

import app.miniwallet.testsupport.net.SmallHttpServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A payment provider for the dev stack and the page's tests: its checkout page ({@code GET /checkout?top_up_id=…
 * &amount=…}, where the api sends the user) pays or declines the top-up with one click, by sending the api the
 * signed webhook a real provider would: {@code POST <webhook>} with {@code {"type": "payment.succeeded" |
 * "payment.declined", "top_up_id": …, "amount": …}}, signed with the shared secret in Stripe's scheme ({@value
 * #SIGNATURE_HEADER}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + body>}). Written apart from the
 * api's verifier, so a test through it checks the api against an independent signer. It listens on 127.0.0.1
 * only: anyone who can reach it can pay any top-up.
 */
public final class FakePaymentProvider implements AutoCloseable {

    public static final String BIND_ADDRESS = "127.0.0.1";
    public static final String SIGNATURE_HEADER = "Payment-Signature";

    private static final Logger log = LoggerFactory.getLogger(FakePaymentProvider.class);
    private static final String CHECKOUT_PATH = "/checkout";
    private static final Pattern TOP_UP_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}\\.\\d{2}");
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final SmallHttpServer server;
    private final HttpClient client;
    private final URI webhookUrl;
    private final byte[] secret;
    private final URI walletUrl;
    private final Clock clock = Clock.systemUTC();

    private FakePaymentProvider(SmallHttpServer server, URI webhookUrl, String secret, URI walletUrl) {
        this.server = server;
        this.client = HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT).build();
        this.webhookUrl = webhookUrl;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.walletUrl = walletUrl;
    }

    /**
     * @param webhookUrl the api's {@code /api/payments/webhook}
     * @param secret the webhook secret the api is given too
     * @param walletUrl the page the checkout page links back to
     */
    public static FakePaymentProvider start(int port, URI webhookUrl, String secret, URI walletUrl) {
        var server = SmallHttpServer.listen("fake payment provider", BIND_ADDRESS, port);
        var provider = new FakePaymentProvider(server, webhookUrl, secret, walletUrl);
        server.serve(CHECKOUT_PATH, provider::handle);
        log.info("Fake payment provider ready: checkout {}, webhooks to {}", provider.checkoutUrl(), webhookUrl);
        return provider;
    }

    /** What the api is given as its checkout URL; it adds the top-up's id and amount. */
    public URI checkoutUrl() {
        return URI.create("http://" + BIND_ADDRESS + ":" + server.port() + CHECKOUT_PATH);
    }

    /** The {@value #SIGNATURE_HEADER} header for this body, signed now. */
    public String signature(byte[] body) {
        return signature(body, clock.instant(), secret);
    }

    static String signature(byte[] body, Instant at, byte[] secret) {
        var timestamp = Long.toString(at.getEpochSecond());
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(CHECKOUT_PATH)) {
                respond(exchange, 404, page("Not found", "<p>The checkout page is " + CHECKOUT_PATH + ".</p>"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> checkout(exchange, fields(exchange.getRequestURI().getRawQuery()));
                case "POST" ->
                    decide(
                            exchange,
                            fields(new String(exchange.getRequestBody().readNBytes(4096), StandardCharsets.US_ASCII)));
                default -> exchange.sendResponseHeaders(405, -1);
            }
        } catch (RuntimeException e) {
            log.warn("Fake payment provider: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
    }

    private void checkout(HttpExchange exchange, Map<String, String> query) throws IOException {
        var payment = Payment.of(query);
        if (payment == null) {
            respond(exchange, 400, page("No such payment", "<p>top_up_id and amount are missing or malformed.</p>"));
            return;
        }
        var id = escape(payment.topUpId());
        var amount = escape(payment.amount());
        respond(
                exchange,
                200,
                page(
                        "Pay " + amount,
                        """
                        <p>Mini Wallet asks you to pay <strong data-amount>%s</strong> for top-up <code>%s</code>.</p>
                        <form method="post" action="%s">
                          <input type="hidden" name="top_up_id" value="%s">
                          <input type="hidden" name="amount" value="%s">
                          <button type="submit" name="outcome" value="pay" data-pay>Pay %s</button>
                          <button type="submit" name="outcome" value="decline" data-decline>Decline</button>
                        </form>
                        <p class="muted">A fake provider for the dev stack: no money moves anywhere.</p>
                        """
                                .formatted(amount, id, CHECKOUT_PATH, id, amount, amount)));
    }

    private void decide(HttpExchange exchange, Map<String, String> form) throws IOException {
        var payment = Payment.of(form);
        var outcome = form.get("outcome");
        if (payment == null || !("pay".equals(outcome) || "decline".equals(outcome))) {
            respond(exchange, 400, page("No such payment", "<p>top_up_id, amount or outcome is malformed.</p>"));
            return;
        }
        var paid = outcome.equals("pay");
        var body = ("{\"type\":\"" + (paid ? "payment.succeeded" : "payment.declined") + "\",\"top_up_id\":\""
                        + payment.topUpId() + "\",\"amount\":\"" + payment.amount() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer;
        try {
            answer = client.send(
                    HttpRequest.newBuilder(webhookUrl)
                            .timeout(WEBHOOK_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .header(SIGNATURE_HEADER, signature(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            respond(exchange, 502, page("The wallet is unreachable", "<p>" + escape(String.valueOf(e)) + "</p>"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, page("Stopping", "<p>The provider is stopping.</p>"));
            return;
        }
        log.info(
                "Fake payment provider: {} top-up {} ({}); the wallet answered {}",
                paid ? "paid" : "declined",
                payment.topUpId(),
                payment.amount(),
                answer.statusCode());
        var back = "<p><a href=\"" + escape(walletUrl.toString()) + "\" data-back>Back to your wallet</a></p>";
        if (answer.statusCode() != 200) {
            respond(
                    exchange,
                    502,
                    page(
                            "The wallet refused the webhook",
                            "<p data-outcome>The wallet answered " + answer.statusCode() + ":</p><pre>"
                                    + escape(answer.body()) + "</pre>" + back));
            return;
        }
        var amount = escape(payment.amount());
        respond(
                exchange,
                200,
                page(
                        paid ? "Paid" : "Declined",
                        (paid
                                        ? "<p data-outcome>Paid " + amount + ". The wallet credits it in a moment.</p>"
                                        : "<p data-outcome>Declined: " + amount + " was not paid.</p>")
                                + back));
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        var bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String page(String title, String content) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Fake payment provider</title>
                <style>
                  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 32rem; padding: 0 1rem; color: #222; }
                  button { font: inherit; padding: 0.5rem 1.2rem; margin-right: 0.5rem; cursor: pointer; }
                  .muted { color: #666; font-size: 0.9rem; }
                </style></head><body>
                <h1>%s</h1>
                %s
                </body></html>
                """
                .formatted(title, title, content);
    }

    private static Map<String, String> fields(String encoded) {
        var fields = new HashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        try {
            for (var pair : encoded.split("&")) {
                var equals = pair.indexOf('=');
                if (equals > 0) {
                    fields.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            fields.clear(); // a malformed %-escape: answered like a missing field
        }
        return fields;
    }

    /** A checkout's top-up and amount, both checked, so nothing else reaches a page or a webhook. */
    private record Payment(String topUpId, String amount) {

        static Payment of(Map<String, String> fields) {
            var id = fields.get("top_up_id");
            var amount = fields.get("amount");
            if (id == null
                    || amount == null
                    || !TOP_UP_ID.matcher(id).matches()
                    || !AMOUNT.matcher(amount).matches()) {
                return null;
            }
            return new Payment(id, amount);
        }
    }
}
