package app.miniwallet.processor;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The processor's admin API over real HTTP, as an operator (or someone else) calls it with curl. */
final class AdminApi {

    /** The operator's password every processor test context is configured with. */
    static final String OPERATOR_PASSWORD = WalletTestStack.OPERATOR_PASSWORD;

    static final String OPERATOR = "operator";

    record Answer(int status, String contentType, @Nullable String wwwAuthenticate, JsonNode body) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final JsonMapper json;
    private final @Nullable String authorization;

    private AdminApi(URI base, JsonMapper json, @Nullable String authorization) {
        this.base = base;
        this.json = json;
        this.authorization = authorization;
    }

    static AdminApi asOperator(int port, JsonMapper json) {
        return new AdminApi(URI.create("http://localhost:" + port), json, basic(OPERATOR, OPERATOR_PASSWORD));
    }

    /** This API, sending this Authorization header instead (null: none). */
    AdminApi withAuthorization(@Nullable String authorization) {
        return new AdminApi(base, json, authorization);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Every dead letter, read page by page with a small page so that the cursor is used. */
    List<JsonNode> allDeadLetters() {
        return allDeadLetters("per_page=3");
    }

    /** Every dead letter the query's filter lets through, page by page. */
    List<JsonNode> allDeadLetters(String query) {
        var all = new ArrayList<JsonNode>();
        String cursor = null;
        do {
            var answer = get("/admin/dead-letters?" + query + (cursor == null ? "" : "&cursor=" + cursor));
            if (answer.status() != 200) {
                throw new IllegalStateException("listing the dead letters answered " + answer);
            }
            answer.body().get("dead_letters").forEach(all::add);
            var next = answer.body().get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return all;
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var contentType = response.headers().firstValue("Content-Type").orElse("");
            var body = contentType.contains("json") && !response.body().isBlank()
                    ? json.readTree(response.body())
                    : json.readTree("null");
            return new Answer(
                    response.statusCode(),
                    contentType,
                    response.headers().firstValue("WWW-Authenticate").orElse(null),
                    body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
