package app.miniwallet.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.analytics.AnalyticsClient.Answer;
import app.miniwallet.analytics.AnalyticsIntegrationTest;
import app.miniwallet.testsupport.operator.ActuatorAccess;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyticsApiIntegrationTest extends AnalyticsIntegrationTest {

    @BeforeEach
    void awaitTheFigures() {
        await().atMost(Duration.ofMinutes(1))
                .until(() -> client().get("/api/analytics/totals").status() == 200);
    }

    @Test
    void refusesARequestWithoutTheBearerToken() {
        var answer = client().get("/api/analytics/totals", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void refusesAWrongBearerTokenAndAnotherScheme() {
        assertThat(client().get("/api/analytics/totals", "Bearer " + TOKEN + "x")
                        .status())
                .isEqualTo(401);
        assertThat(client().get("/api/analytics/top?by=sender", "Basic " + TOKEN)
                        .status())
                .isEqualTo(401);
        assertThat(client().get("/api/analytics/users/1", "Bearer").status()).isEqualTo(401);
    }

    @Test
    void answersTheRightBearerToken() {
        assertThat(client().get("/api/analytics/totals", "Bearer " + TOKEN).status())
                .isEqualTo(200);
        assertThat(client().get("/api/analytics/totals", "bearer " + TOKEN).status())
                .isEqualTo(200);
    }

    @Test
    void servesThePageItsChartingLibraryAndHealthWithoutAToken() {
        var page = client().get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/uplot/dist/uPlot.iife.min.js", "/analytics.js");
        assertThat(client().get("/webjars/uplot/dist/uPlot.iife.min.js", null).status())
                .isEqualTo(200);
        assertThat(client().get("/analytics.js", null).body()).contains("/api/analytics/minutes");
        assertThat(client().get("/actuator/health", null).body()).isEqualTo("{\"status\":\"UP\"}");
        var health = client().get("/actuator/health", ActuatorAccess.operator());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()
                        .get("components")
                        .get("kafkaStreams")
                        .get("details")
                        .get("state")
                        .asString())
                .isEqualTo("RUNNING");
    }

    @Test
    void showsAnonymousCallersOnlyHealthsStatusAndTheOperatorTheDetailsAndTheMetrics() {
        ActuatorAccess.assertOnlyTheOperatorSeesMoreThanTheStatus(URI.create("http://localhost:" + port + "/"));
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/analytics/minutes?from=yesterday|from",
                "/api/analytics/minutes?to=2026-13-01T00:00:00Z|to",
                "/api/analytics/minutes?from=2026-12-06T10:00:00Z&to=2026-12-06T09:00:00Z|from",
                "/api/analytics/minutes?from=2026-12-01T00:00:00Z&to=2026-12-06T00:00:00Z|from",
                "/api/analytics/minutes?from=1733472000|from",
                "/api/analytics/minutes?from=%2B100000000-01-01T00:00:00Z|from",
                "/api/analytics/minutes?from=2026-12-06T00:00:00Z&to=-100000000-01-01T00:00:00Z|to",
                "/api/analytics/minutes?from=1969-12-31T23:50:00Z&to=1970-01-01T00:10:00Z|from",
                "/api/analytics/top|by",
                "/api/analytics/top?by=|by",
                "/api/analytics/top?by=middle|by",
                "/api/analytics/users/abc|id",
                "/api/analytics/users/-5|id",
                "/api/analytics/users/0|id",
                "/api/analytics/users/99999999999999999999|id"
            })
    void refusesBadInputWithAProblemNamingTheParameter(String path, String parameter) {
        var answer = client().get(path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        var problem = answer.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).startsWith(parameter + " ");
        assertThat(problem.get("errors").get(0).get("parameter").asString()).isEqualTo(parameter);
    }

    @Test
    void answersAUserWithNoTransfersWith404() {
        Answer answer = client().get("/api/analytics/users/7");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void answersMinutesWithoutEventsAsZeros() {
        var minutes = client().figures("/api/analytics/minutes?from=1970-01-01T00:00:00Z&to=1970-01-01T00:02:59Z");

        assertThat(minutes.get("minutes").size()).isEqualTo(3);
        assertThat(minutes.get("minutes").get(0).get("minute").asString()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(minutes.get("minutes").get(2).get("volume").asString()).isEqualTo("0.00");
        assertThat(minutes.get("minutes").get(2).get("completed").asLong()).isZero();
    }

    @Test
    void answersAnUnknownPathWithAProblemNotAStackTrace() {
        var answer = client().get("/api/analytics/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("Exception");
    }
}
