package app.miniwallet.platform.database;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class NotificationListenerIntegrationTest {

    private final WalletTestStack stack = WalletTestStack.shared();
    private final String channel =
            "listener_test_" + UUID.randomUUID().toString().replace("-", "");
    /** Tells the listener's sessions from every other one. */
    private final String applicationName = "listener-test-" + UUID.randomUUID();

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger listenings = new AtomicInteger();
    private NotificationListener listener;

    @AfterEach
    void stopListener() {
        if (listener != null) {
            listener.stop();
        }
    }

    @Test
    void handsEachNotifyToTheCallbackOnceItSaidItListens() throws Exception {
        startListener(stack.dataSourceNamed(applicationName));
        await().atMost(ofSeconds(10)).until(() -> listenings.get() == 1);

        notifyOn(channel, "first");
        notifyOn(channel, "second");

        await().atMost(ofSeconds(10)).until(() -> received.equals(List.of("first", "second")));
    }

    @Test
    void listensAgainAfterItsConnectionWasLostAndSaysSo() throws Exception {
        startListener(stack.dataSourceNamed(applicationName));
        await().atMost(ofSeconds(10)).until(() -> listenings.get() == 1);

        terminateListenersSessions();

        await().atMost(ofSeconds(10)).until(() -> listenings.get() == 2);
        notifyOn(channel, "after the reconnect");
        await().atMost(ofSeconds(10)).until(() -> received.contains("after the reconnect"));
    }

    @Test
    void triesToConnectAgainUntilItCan() {
        var attempts = new AtomicInteger();
        startListener(new DelegatingDataSource(stack.dataSourceNamed(applicationName)) {
            @Override
            public Connection getConnection() throws SQLException {
                if (attempts.incrementAndGet() <= 2) {
                    throw new SQLTransientConnectionException("no connection on purpose");
                }
                return super.getConnection();
            }
        });

        await().atMost(ofSeconds(10)).until(() -> listenings.get() == 1);
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void leavesNoSessionBehindOnceStopped() throws Exception {
        startListener(stack.dataSourceNamed(applicationName));
        await().atMost(ofSeconds(10)).until(() -> listenings.get() == 1);
        assertThat(listenersSessions()).isEqualTo(1);

        listener.stop();

        assertThat(listener.isRunning()).isFalse();
        await().atMost(ofSeconds(10)).until(() -> listenersSessions() == 0);
    }

    private void startListener(DataSource connections) {
        listener = new NotificationListener(
                "listener-test",
                connections,
                List.of(channel),
                ofSeconds(30),
                notification -> received.add(notification.getParameter()),
                listenings::incrementAndGet);
        listener.start();
    }

    private void notifyOn(String channel, String payload) throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var statement = connection.prepareStatement("select pg_notify(?, ?)")) {
            statement.setString(1, channel);
            statement.setString(2, payload);
            statement.execute();
        }
    }

    private long listenersSessions() throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var statement = connection.prepareStatement(
                        "select count(*) from pg_stat_activity where application_name = ?")) {
            statement.setString(1, applicationName);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void terminateListenersSessions() throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var statement = connection.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")) {
            statement.setString(1, applicationName);
            statement.execute();
        }
    }
}
