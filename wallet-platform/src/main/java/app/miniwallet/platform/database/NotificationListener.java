package app.miniwallet.platform.database;

import app.miniwallet.platform.background.BackgroundLoop;
import app.miniwallet.platform.background.Backoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A connection of its own that LISTENs on some PostgreSQL channels and hands each NOTIFY to a callback, on a
 * {@link BackgroundLoop} thread of its own. It is held for as long as the listener runs, so it should not be one of a
 * pool's. A lost connection is replaced after a pause, a growing one while connecting fails, and each time it listens
 * (again) the listener is told, since whatever was notified meanwhile was missed.
 *
 * <p>It checks its connection with a query at least every check interval, and {@link #heardAllSentBefore} tells up to
 * when it is known to have missed nothing: a check's reply comes after every notification committed before the check
 * was sent, so once the notifications that came with it are handed over, every NOTIFY committed before the check
 * started has been.
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

    /** {@link System#nanoTime()} at which the last successful check was sent, if {@link #checked}. */
    private volatile long checkedAt;

    /** Whether a check succeeded on the connection it listens on now. */
    private volatile boolean checked;

    /**
     * @param name the thread's name, also in the log
     * @param connections where each connection comes from; one is open at a time
     * @param channels identifiers of this code base, not input: they are not quoted
     * @param checkInterval how often a query checks the connection, so that a connection that died without a word is
     *     noticed and replaced, and {@link #heardAllSentBefore} moves on
     * @param onNotification runs on the listening thread, so it must hand real work off at once; if it throws, the
     *     listener lets its connection go and listens again, as after a lost one
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
        if (checkInterval.toMillis() < 10) {
            throw new IllegalArgumentException(name + ": a check interval of " + checkInterval + " would keep it busy");
        }
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

    /**
     * Connections of a listener's own, outside the pool. A half-open one (the database's host gone without a word) is
     * noticed by its check within the socket timeout instead of blocking the listener, and its stop, for minutes.
     */
    public static DataSource ownConnections(JdbcConnectionDetails database) {
        var dataSource =
                new DriverManagerDataSource(database.getJdbcUrl(), database.getUsername(), database.getPassword());
        var properties = new Properties();
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketTimeout", "30");
        dataSource.setConnectionProperties(properties);
        return dataSource;
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

    /**
     * Whether every NOTIFY committed before {@code nanoTime} (a {@link System#nanoTime()}) has been handed to the
     * callback. False while it has not listened yet, and from the moment it finds its connection lost until it listens
     * again and a check succeeded.
     */
    public boolean heardAllSentBefore(long nanoTime) {
        return checked && checkedAt - nanoTime >= 0;
    }

    private boolean listenUntilStopped(BooleanSupplier keepGoing) throws SQLException {
        checked = false;
        try (var connection = connections.getConnection();
                var listening = Listening.on(connection, channels)) {
            log.info("{} listens on {}", name, channels);
            onListening.run();
            try {
                receive(connection, listening, keepGoing);
            } catch (SQLException | RuntimeException e) {
                checked = false;
                if (keepGoing.getAsBoolean()) {
                    log.warn("{} lost its connection; connecting again in {}", name, FIRST_RECONNECT_PAUSE, e);
                    return false;
                }
            }
            return true;
        } finally {
            checked = false;
        }
    }

    private void receive(Connection connection, Listening listening, BooleanSupplier keepGoing) throws SQLException {
        var lastChecked = check(connection, listening);
        while (keepGoing.getAsBoolean()) {
            var untilCheck = checkInterval.minusNanos(System.nanoTime() - lastChecked);
            listening
                    .await(untilCheck.compareTo(RECEIVE_TIMEOUT) < 0 ? untilCheck : RECEIVE_TIMEOUT)
                    .forEach(onNotification);
            if (System.nanoTime() - lastChecked >= checkInterval.toNanos()) {
                lastChecked = check(connection, listening);
            }
        }
    }

    /**
     * A query on the connection: a connection that died without a word only shows it when used. Its reply follows
     * every notification committed before it was sent; once those are handed over, nothing sent before it is missed.
     */
    private long check(Connection connection, Listening listening) throws SQLException {
        var sentAt = System.nanoTime();
        try (var statement = connection.createStatement()) {
            statement.execute("select 1");
        }
        listening.received().forEach(onNotification);
        checkedAt = sentAt;
        checked = true;
        return sentAt;
    }
}
