package app.miniwallet.notifier.postgres;

import app.miniwallet.notifier.NotifierSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One PostgreSQL connection per instance that LISTENs to the channels of the {@link WakeUpHandler}s
 * and hands each NOTIFY to its handler. The connection is its own, not one of the pool's, since it
 * is held for the life of the instance. A lost connection is replaced after a growing pause, and the
 * handlers are told that they may have missed something.
 */
@Component
class DatabaseWakeUps implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWakeUps.class);

    /** How long one wait for notifications lasts; bounds how long a stop takes. */
    private static final int RECEIVE_TIMEOUT_MILLIS = 250;

    private static final Duration FIRST_RECONNECT_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_RECONNECT_PAUSE = Duration.ofSeconds(30);

    private final JdbcConnectionDetails database;
    private final Map<String, WakeUpHandler> handlers;
    private final Duration checkInterval;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread listener;

    DatabaseWakeUps(JdbcConnectionDetails database, List<WakeUpHandler> handlers, NotifierSettings settings) {
        this.database = database;
        this.handlers = handlers.stream().collect(Collectors.toMap(WakeUpHandler::channel, Function.identity()));
        this.checkInterval = settings.wakeUpCheckInterval();
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listenUntilStopped, "database-wake-ups");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenUntilStopped() {
        var pause = FIRST_RECONNECT_PAUSE;
        while (running) {
            try (var connection = DriverManager.getConnection(
                    database.getJdbcUrl(), database.getUsername(), database.getPassword())) {
                listen(connection);
                pause = FIRST_RECONNECT_PAUSE;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Lost the PostgreSQL connection that listens for wake-ups; reconnecting in {}", pause, e);
                if (awaitStop(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_RECONNECT_PAUSE) > 0
                        ? LONGEST_RECONNECT_PAUSE
                        : pause.multipliedBy(2);
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            for (var channel : handlers.keySet()) {
                // channel names are constants of this code base, not input
                statement.execute("listen " + channel);
            }
        }
        log.info("Listening for wake-ups on {}", handlers.keySet());
        // whatever was notified before the LISTEN took effect is found by looking once
        handlers.values().forEach(WakeUpHandler::wakeUpForAnythingMissed);
    }

    private void receive(Connection connection) throws SQLException {
        var postgres = connection.unwrap(PGConnection.class);
        var lastHeard = System.nanoTime();
        while (running) {
            var notifications = postgres.getNotifications(RECEIVE_TIMEOUT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                lastHeard = System.nanoTime();
                for (var notification : notifications) {
                    var handler = handlers.get(notification.getName());
                    if (handler != null) {
                        handler.wakeUp(notification.getParameter());
                    }
                }
            } else if (System.nanoTime() - lastHeard > checkInterval.toNanos()) {
                // a connection that died without a word only shows it when used
                try (var statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private boolean awaitStop(Duration pause) {
        try {
            return stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
