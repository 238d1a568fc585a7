package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A requester's submissions take turns across api instances, and a submission's acceptance time is read only once its
 * turn has come. Here a transaction standing for another instance's writer holds the requester's turn.
 */
@ApiIntegrationTest
class SubmissionTurnIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSubmissionWaitsForItsRequestersTurnAndIsAcceptedOnlyOnceItCame() throws Exception {
        var sender = fixtures.personWith("100.00");
        var receiver = fixtures.personWithNoMoney();

        Instant turnPassedOn;
        CompletableFuture<String> submission;
        try (var otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            takeTurnOf(otherInstance, sender.account().value());

            submission = CompletableFuture.supplyAsync(() -> fixtures.sendAccepted(sender, receiver, "10.00"));
            await().atMost(Duration.ofSeconds(10)).until(this::aSubmissionWaitsForItsTurn);
            assertThat(submission).isNotDone();

            turnPassedOn = databaseClock(otherInstance);
            otherInstance.commit();
        }

        var transferId = submission.get();
        assertThat(acceptedAt(transferId)).isAfter(turnPassedOn);
    }

    private static void takeTurnOf(Connection connection, long account) throws SQLException {
        try (var statement = connection.prepareStatement("select pg_advisory_xact_lock(?, hashint8(?))")) {
            statement.setInt(1, Transfers.SUBMISSION_TURNS);
            statement.setLong(2, account);
            statement.executeQuery().close();
        }
    }

    private static Instant databaseClock(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("select clock_timestamp()");
                var result = statement.executeQuery()) {
            result.next();
            return result.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private boolean aSubmissionWaitsForItsTurn() {
        return jdbc.sql(
                                """
                        select count(*) from pg_stat_activity
                         where wait_event_type = 'Lock' and wait_event = 'advisory' and query like '%turns%'""")
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Instant acceptedAt(String transferId) {
        return jdbc.sql("select created_at from transfers where id = ?")
                .param(UUID.fromString(transferId))
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }
}
