package app.miniwallet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FiguresIntegrationTest extends AnalyticsIntegrationTest {

    private static final int USERS = 40;

    @Test
    void countsEveryCommittedTransferResultOnceToTheCent() {
        long firstUser;
        try (var workload = Workload.ofUsers(bootstrapServers(), USERS)) {
            firstUser = workload.firstUser();
            var committed = workload.commit(3_000, 100);
            workload.abort(200);
            workload.duplicate(committed.subList(0, 400));
            workload.garbage();
        }
        var tally = TopicTally.of(bootstrapServers());
        assertThat(tally.records()).as("the topic holds the copies").isGreaterThanOrEqualTo(3_401);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                        TopicTally.pick(client().figures("/api/analytics/totals"), tally.totals()))
                .isEqualTo(tally.totals()));

        for (var user = firstUser; user < firstUser + USERS; user++) {
            var expected = tally.user(user);
            assertThat(TopicTally.pick(client().figures("/api/analytics/users/" + user), expected))
                    .as("user %d", user)
                    .isEqualTo(expected);
        }
        assertThat(topOf("receiver")).isEqualTo(tally.top("receiver", 10));
        assertThat(topOf("sender")).isEqualTo(tally.top("sender", 10));
    }

    @Test
    void answersTotalsWithCountsAsNumbersAndAmountsAsTextWithTwoDecimals() {
        await().atMost(Duration.ofMinutes(1))
                .until(() -> client().get("/api/analytics/totals").status() == 200);

        var totals = client().figures("/api/analytics/totals");

        assertThat(totals.propertyNames()).containsExactly("completed", "rejected", "volume", "fees", "top_ups");
        assertThat(totals.get("completed").isIntegralNumber()).isTrue();
        assertThat(totals.get("rejected").isIntegralNumber()).isTrue();
        for (var amount : new String[] {"volume", "fees", "top_ups"}) {
            assertThat(totals.get(amount).isString()).isTrue();
            assertThat(totals.get(amount).asString()).matches("\\d+\\.\\d{2}");
        }
    }

    @Test
    void theMinutesAddUpToTheTotals() {
        try (var workload = Workload.ofUsers(bootstrapServers(), USERS)) {
            workload.commit(500, 50);
        }
        var tally = TopicTally.of(bootstrapServers());
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                        TopicTally.pick(client().figures("/api/analytics/totals"), tally.totals()))
                .isEqualTo(tally.totals()));

        // every event of this test run happened in the last few minutes (see Workload)
        var to = Instant.now();
        var minutes = client().figures("/api/analytics/minutes?from=" + to.minus(Duration.ofMinutes(30)) + "&to=" + to)
                .get("minutes");

        assertThat(minutes.size()).isEqualTo(31);
        var completed = 0L;
        var rejected = 0L;
        var volume = BigDecimal.ZERO;
        var fees = BigDecimal.ZERO;
        var topUps = BigDecimal.ZERO;
        var starts = new ArrayList<String>();
        for (JsonNode minute : minutes) {
            starts.add(minute.get("minute").asString());
            completed += minute.get("completed").asLong();
            rejected += minute.get("rejected").asLong();
            volume = volume.add(new BigDecimal(minute.get("volume").asString()));
            fees = fees.add(new BigDecimal(minute.get("fees").asString()));
            topUps = topUps.add(new BigDecimal(minute.get("top_ups").asString()));
        }
        assertThat(starts).isSorted().doesNotHaveDuplicates();
        var totals = tally.totals();
        assertThat(completed).isEqualTo(totals.get("completed"));
        assertThat(rejected).isEqualTo(totals.get("rejected"));
        assertThat(volume.toPlainString()).isEqualTo(totals.get("volume"));
        assertThat(fees.toPlainString()).isEqualTo(totals.get("fees"));
        assertThat(topUps.toPlainString()).isEqualTo(totals.get("top_ups"));
    }

    private java.util.List<String> topOf(String side) {
        var top = client().figures("/api/analytics/top?by=" + side);
        assertThat(top.get("by").asString()).isEqualTo(side);
        assertThat(top.get("window_minutes").asLong()).isEqualTo(60);
        var users = new ArrayList<String>();
        top.get("users")
                .forEach(user -> users.add(
                        user.get("user_id").asLong() + " " + user.get("volume").asString()));
        return users;
    }
}
