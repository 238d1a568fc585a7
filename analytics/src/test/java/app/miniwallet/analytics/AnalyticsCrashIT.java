package app.miniwallet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service run from its jar, killed with SIGKILL while it works through a backlog, restarted, and then replayed
 * from the beginning under a new application id: each time its figures equal those of the topic, to the cent.
 * Run by failsafe, after the jar is built.
 */
class AnalyticsCrashIT {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsCrashIT.class);
    private static final int USERS = 50;
    private static final int BACKLOG = 30_000;

    @Test
    void keepsExactFiguresThroughAKillDashNineAndAReplayFromTheBeginning() {
        var bootstrapServers = WalletTestStack.shared().kafkaBootstrapServers();
        try (var workload = Workload.ofUsers(bootstrapServers, USERS)) {
            var committed = workload.commit(BACKLOG, 500);
            workload.duplicate(committed.subList(0, 2_000));
            workload.abort(500);
            workload.garbage();

            try (var analytics = AnalyticsProcess.start("analytics", "analytics-crash-" + UUID.randomUUID())) {
                var completedInBacklog = committed.stream()
                        .filter(TransferCompleted.class::isInstance)
                        .count();
                // well into the backlog, so the restart has much to restore and the rest still to read
                var countedAtKill = awaitCounted(analytics, completedInBacklog / 4);
                analytics.kill();
                assertThat(countedAtKill).as("killed mid-stream").isLessThan(completedInBacklog);

                // more results, and more copies, while it is down
                var whileDown = workload.commit(3_000, 100);
                workload.duplicate(whileDown.subList(0, 300));
                analytics.restart();
                var tally = TopicTally.of(bootstrapServers);
                log.info(
                        "Killed analytics at {} of {} completed in the backlog; the topic's {} records tally {}",
                        countedAtKill,
                        completedInBacklog,
                        tally.records(),
                        tally.totals());

                awaitFiguresOf(analytics, tally);
                assertSameUsersAndTops(analytics, tally, workload.firstUser());

                try (var replay = AnalyticsProcess.start("analytics-replay", "analytics-replay-" + UUID.randomUUID())) {
                    awaitFiguresOf(replay, tally);
                    assertSameUsersAndTops(replay, tally, workload.firstUser());
                    var to = Instant.now();
                    var minutes = "/api/analytics/minutes?from=" + to.minus(Duration.ofMinutes(30)) + "&to=" + to;
                    assertThat(replay.client().figures(minutes))
                            .isEqualTo(analytics.client().figures(minutes));
                }
            }
        }
    }

    /** Completed results counted by the time the API first shows at least {@code least}. */
    private static long awaitCounted(AnalyticsProcess analytics, long least) {
        var counted = new AtomicLong();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    var answer = analytics.client().get("/api/analytics/totals");
                    assertThat(answer.status()).as("only figures or 'not yet'").isIn(200, 503);
                    counted.set(
                            answer.status() == 200
                                    ? answer.json().get("completed").asLong()
                                    : 0);
                    return counted.get() >= least;
                });
        return counted.get();
    }

    private static void awaitFiguresOf(AnalyticsProcess analytics, TopicTally tally) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    var answer = analytics.client().get("/api/analytics/totals");
                    assertThat(answer.status()).as("only figures or 'not yet'").isIn(200, 503);
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(TopicTally.pick(answer.json(), tally.totals())).isEqualTo(tally.totals());
                });
    }

    private static void assertSameUsersAndTops(AnalyticsProcess analytics, TopicTally tally, long firstUser) {
        for (var user = firstUser; user < firstUser + USERS; user++) {
            var expected = tally.user(user);
            assertThat(TopicTally.pick(analytics.client().figures("/api/analytics/users/" + user), expected))
                    .as("user %d", user)
                    .isEqualTo(expected);
        }
        for (var side : new String[] {"receiver", "sender"}) {
            var top = new ArrayList<String>();
            analytics
                    .client()
                    .figures("/api/analytics/top?by=" + side)
                    .get("users")
                    .forEach(entry -> top.add(entry.get("user_id").asLong() + " "
                            + entry.get("volume").asString()));
            assertThat(top).as("top by %s", side).isEqualTo(tally.top(side, 10));
        }
    }
}
