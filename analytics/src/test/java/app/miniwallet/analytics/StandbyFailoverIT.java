package app.miniwallet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one application with a standby replica, as README's "On a three-node cluster" runs them: either
 * answers (the one without the figures forwards to the one with them), and when the one holding them is killed with
 * SIGKILL, the other takes over from its standby copy and goes on exactly.
 */
class StandbyFailoverIT {

    private static final Map<String, String> WITH_A_STANDBY = Map.of("WALLET_ANALYTICS_STANDBY_REPLICAS", "1");

    @Test
    void eitherInstanceAnswersAndTheStandbyTakesOverExactly() {
        var bootstrapServers = WalletTestStack.shared().kafkaBootstrapServers();
        var applicationId = "analytics-standby-" + UUID.randomUUID();
        try (var workload = Workload.ofUsers(bootstrapServers, 30);
                var first = AnalyticsProcess.start("analytics-first", applicationId, WITH_A_STANDBY);
                var second = AnalyticsProcess.start("analytics-second", applicationId, WITH_A_STANDBY)) {
            var committed = workload.commit(5_000, 250);
            workload.duplicate(committed.subList(0, 500));
            var tally = TopicTally.of(bootstrapServers);

            awaitFiguresOf(first, tally);
            awaitFiguresOf(second, tally);
            var holder = holds(first) ? first : second;
            var standby = holder == first ? second : first;
            assertThat(holds(standby)).as("one instance holds the figures").isFalse();

            holder.kill();
            var whileOneIsDown = workload.commit(1_000, 100);
            workload.duplicate(whileOneIsDown.subList(0, 100));
            var afterwards = TopicTally.of(bootstrapServers);

            awaitFiguresOf(standby, afterwards);
            assertThat(holds(standby)).isTrue();
        }
    }

    /** Whether the instance answers from its own stores: a forwarded request is never forwarded again. */
    private static boolean holds(AnalyticsProcess analytics) {
        return analytics
                        .client()
                        .get("/api/analytics/totals", null, Map.of("X-Wallet-Analytics-Forwarded", "test"))
                        .status()
                == 200;
    }

    private static void awaitFiguresOf(AnalyticsProcess analytics, TopicTally tally) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    var answer = analytics.client().get("/api/analytics/totals");
                    assertThat(answer.status()).as("only figures or 'not yet'").isIn(200, 503);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    assertThat(TopicTally.pick(answer.json(), tally.totals())).isEqualTo(tally.totals());
                });
    }
}
