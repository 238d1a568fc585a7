package app.miniwallet.testsupport.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service's actuator shows to whom, checked the same way on every service: an anonymous caller sees health's
 * status and nothing else; the operator's credential (HTTP Basic, the test stack's password) sees health's details
 * and the metrics; a user's access token, a wrong password or no credential at all gets 401 everywhere else.
 */
public final class ActuatorAccess {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = JsonMapper.builder().build();

    private ActuatorAccess() {}

    /** The {@code Authorization} header with the operator's credential of the test stack's services. */
    public static String operator() {
        return WalletTestStack.shared().connections().operatorAuthorization();
    }

    /** Checks the actuator of the service at {@code service} (its root URL) as the class comment says. */
    public static void assertOnlyTheOperatorSeesMoreThanTheStatus(URI service) {
        // a service reports UP once its Kafka consumers are in; until then health's status is what it is
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        get(service, "/actuator/health", null).statusCode())
                .isEqualTo(200));

        // the same path spelled otherwise (%68 is "h") is the same endpoint, and shows no more
        for (var path : new String[] {"/actuator/health", "/actuator/%68ealth"}) {
            var anonymousHealth = get(service, path, null);
            assertThat(json.readTree(anonymousHealth.body()))
                    .as("anonymous %s: %s", path, anonymousHealth.body())
                    .isEqualTo(json.readTree("{\"status\":\"UP\"}"));
        }
        var operatorHealth = get(service, "/actuator/health", operator());
        assertThat(operatorHealth.statusCode()).isEqualTo(200);
        assertThat(json.readTree(operatorHealth.body()).path("components").isObject())
                .as("the operator's /actuator/health: %s", operatorHealth.body())
                .isTrue();

        var userToken = new AccessTokenSigner(WalletTestStack.JWT_SECRET, Duration.ofMinutes(5))
                .sign(1001, Instant.now())
                .value();
        var wrongPassword = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("operator:" + "not-the-operator-password").getBytes(StandardCharsets.UTF_8));
        for (var path : new String[] {"/actuator/prometheus", "/actuator"}) {
            var anonymous = get(service, path, null);
            assertThat(anonymous.statusCode()).as("anonymous %s", path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(get(service, path, "Bearer " + userToken).statusCode())
                    .as("a user's access token on %s", path)
                    .isEqualTo(401);
            assertThat(get(service, path, wrongPassword).statusCode())
                    .as("a wrong password on %s", path)
                    .isEqualTo(401);
        }
        var metrics = get(service, "/actuator/prometheus", operator());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    public static HttpResponse<String> get(URI service, String path, @Nullable String authorization) {
        var request = HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("could not call " + service.resolve(path), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
