package app.miniwallet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.testsupport.logging.CapturedLog;
import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A flood of forgot-password requests: each answered 202 at once, and no more waiting than the queue holds. */
@ApiIntegrationTest
class PasswordResetRequestsIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    PasswordResetSettings settings;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFloodFillsTheBoundedQueueAndTheRestIsDroppedAndLoggedYetEveryoneIsAnswered202() throws Exception {
        var flood = settings.threads() + settings.queueCapacity() + 50;
        // a person each: one address gets only a few reset emails an hour, past which its requests never queue
        var people = IntStream.range(0, flood)
                .mapToObj(i -> fixtures.personWithNoMoney())
                .toList();
        await().atMost(Duration.ofSeconds(15)).until(() -> queued() == 0);
        var droppedBefore = dropped();

        try (var log = CapturedLog.of(PasswordResetRequests.class.getName());
                var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                // every worker's insert of a reset token waits for this lock, as it would for a database that stalls
                statement.execute("lock table account_tokens in exclusive mode");
            }
            try {
                for (var person : people) {
                    fixtures.client()
                            .post()
                            .uri("/api/auth/forgot-password")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("email", person.email()))
                            .exchange()
                            .expectStatus()
                            .isAccepted();
                }

                // one request in the hands of each worker, the queue full, the rest dropped
                assertThat(queued()).isEqualTo(settings.queueCapacity());
                assertThat(dropped() - droppedBefore).isEqualTo(50);
                assertThat(log.events()).anySatisfy(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getFormattedMessage()).contains("dropped");
                });
            } finally {
                connection.rollback();
            }
        }

        // what was queued is still handled once the database answers again; what was dropped is not
        await().atMost(Duration.ofSeconds(30)).until(() -> queued() == 0);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> resetTokensOf(people), count -> count == settings.threads() + settings.queueCapacity());
    }

    private double queued() {
        return meters.get("wallet.auth.password.reset.queued").gauge().value();
    }

    private double dropped() {
        return meters.get("wallet.auth.password.reset.dropped").counter().count();
    }

    private long resetTokensOf(List<WalletFixtures.Person> people) {
        return jdbc.sql("select count(*) from account_tokens where user_id in (:ids) and purpose = 'RESET_PASSWORD'")
                .param(
                        "ids",
                        people.stream().map(person -> person.account().value()).toList())
                .query(Long.class)
                .single();
    }
}
