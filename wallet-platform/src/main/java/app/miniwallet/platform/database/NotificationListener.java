package app.miniwallet.platform.database;

import app.miniwallet.platform.background.BackgroundLoop;
import app.miniwallet.platform.background.Backoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.Lifecycle;

/**
 * A connection of its own that LISTENs on some PostgreSQL channels and hands each NOTIFY to a callback, on a
 * {@link BackgroundLoop} thread of its own. It is held for as long as the listener runs, so it should not be one of a
 * pool's. A lost connection is replaced after a pause, a growing one while connecting fails, and each time it listens
 * (again) the listener is told, since whatever was notified meanwhile was missed.
 */
public final class NotificationListener implements Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    /** How long one wait for notifications lasts; bounds how long a stop takes. */
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(250);

    private static final Duration FIRST_RECONNECT_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_RECONNECT_PAUSE = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final DataSource connections;
    private final List<String> channels;
    private final Duration checkInterval;
    private final Consumer<PGNotification> onNotification;
    private final Runnable onListening;
    private final BackgroundLoop loop;

    /**
     * @param name the thread's name, also in the log
     * @param connections where each connection comes from; one is open at a time
     * @param channels identifiers of this code base, not input: they are not quoted
     * @param checkInterval how long the connection may stay silent before a query checks it, so that a connection that
     *     died without a word is noticed and replaced
     * @param onNotification runs on the listening thread, so it must hand real work off at once
     * @param onListening runs on the listening thread each time the LISTEN took effect, at start and after a lost
     *     connection: NOTIFYs sent before may have been missed
     */
    public NotificationListener(
            String name,
            DataSource connections,
            Collection<String> channels,
            Duration checkInterval,
            Consumer<PGNotification> onNotification,
            Runnable onListening) {
        this.name = name;
        this.connections = connections;
        this.channels = List.copyOf(channels);
        this.checkInterval = checkInterval;
        this.onNotification = onNotification;
        this.onListening = onListening;
        // a round listens until the loop stops (true) or the connection it listened on is lost (false: the loop waits
        // its poll interval, then connects again); a round that cannot connect or LISTEN throws, and the loop backs off
        this.loop = new BackgroundLoop(
                name,
                FIRST_RECONNECT_PAUSE,
                new Backoff(FIRST_RECONNECT_PAUSE, LONGEST_RECONNECT_PAUSE),
                STOP_TIMEOUT,
                this::listenUntilStopped);
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Stops listening; the connection is closed once the wait for notifications in progress ended. */
    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    private boolean listenUntilStopped(BooleanSupplier keepGoing) throws SQLException {
        try (var connection = connections.getConnection();
                var listening = Listening.on(connection, channels)) {
            log.info("{} listens on {}", name, channels);
            onListening.run();
            try {
                receive(connection, listening, keepGoing);
            } catch (SQLException | RuntimeException e) {
                if (keepGoing.getAsBoolean()) {
                    log.warn("{} lost its connection; connecting again in {}", name, FIRST_RECONNECT_PAUSE, e);
                    return false;
                }
            }
            return true;
        }
    }

    private void receive(Connection connection, Listening listening, BooleanSupplier keepGoing) throws SQLException {
        var lastHeard = System.nanoTime();
        while (keepGoing.getAsBoolean()) {
            var notifications = listening.await(RECEIVE_TIMEOUT);
            if (!notifications.isEmpty()) {
                lastHeard = System.nanoTime();
                notifications.forEach(onNotification);
            } else if (System.nanoTime() - lastHeard > checkInterval.toNanos()) {
                // a connection that died without a word only shows it when used
                try (var statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }
}
