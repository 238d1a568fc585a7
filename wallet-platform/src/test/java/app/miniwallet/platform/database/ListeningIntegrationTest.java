package app.miniwallet.platform.database;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;

class ListeningIntegrationTest {

    private final DataSource database = WalletTestStack.shared().dataSource();
    private final String channel =
            "listening_test_" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void receivesWhatAnotherSessionNotifies() throws Exception {
        try (var connection = database.getConnection();
                var listening = Listening.on(connection, List.of(channel))) {
            notifyOn(channel, "hello");

            assertThat(listening.await(ofSeconds(10)))
                    .extracting(PGNotification::getName, PGNotification::getParameter)
                    .containsExactly(tuple(channel, "hello"));
        }
    }

    @Test
    void receivesNothingWhenNothingWasNotifiedBeforeTheTimeout() throws Exception {
        try (var connection = database.getConnection();
                var listening = Listening.on(connection, List.of(channel))) {

            assertThat(listening.await(ofMillis(100))).isEmpty();
        }
    }

    @Test
    void unlistensWhenClosedAndLeavesTheConnectionToBeUsedAgain() throws Exception {
        try (var connection = database.getConnection()) {
            try (var listening = Listening.on(connection, List.of(channel))) {
                assertThat(channelsListenedOnBy(connection)).containsExactly(channel);
            }

            assertThat(channelsListenedOnBy(connection)).isEmpty();
        }
    }

    @Test
    void endsTheSessionWhenItCannotUnlisten() throws Exception {
        try (var connection = database.getConnection()) {
            var session = backendPid(connection);
            var listening = Listening.on(connection, List.of(channel));
            connection.setAutoCommit(false);
            // an aborted transaction refuses every statement, UNLISTEN too
            assertThatThrownBy(() -> connection.createStatement().execute("select 1 / 0"))
                    .isInstanceOf(SQLException.class);

            listening.close();

            assertThat(connection.isClosed()).isTrue();
            await().atMost(ofSeconds(10)).until(() -> !sessionExists(session));
        }
    }

    @Test
    void givesUpTheChannelsItListenedOnWhenALaterOneFails() throws Exception {
        try (var connection = database.getConnection()) {
            assertThatThrownBy(() -> Listening.on(connection, List.of(channel, "not a channel name")))
                    .isInstanceOf(SQLException.class);

            assertThat(channelsListenedOnBy(connection)).isEmpty();
        }
    }

    private void notifyOn(String channel, String payload) throws SQLException {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement("select pg_notify(?, ?)")) {
            statement.setString(1, channel);
            statement.setString(2, payload);
            statement.execute();
        }
    }

    private static List<String> channelsListenedOnBy(Connection connection) throws SQLException {
        var channels = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_listening_channels()")) {
            while (result.next()) {
                channels.add(result.getString(1));
            }
        }
        return channels;
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    private boolean sessionExists(int pid) throws SQLException {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement("select count(*) from pg_stat_activity where pid = ?")) {
            statement.setInt(1, pid);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        }
    }
}
