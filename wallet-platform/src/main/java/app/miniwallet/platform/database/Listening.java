package app.miniwallet.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL LISTEN on one connection for as long as a try-with-resources block lasts. Closing it UNLISTENs, or, if
 * that fails, ends the session ({@link Connection#abort}), which ends the LISTEN too: a connection that went back to
 * its pool still listening would collect notifications that nobody reads, and hold up the server's notification queue
 * for every session.
 */
public final class Listening implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listening.class);

    private final Connection connection;
    private final PGConnection postgres;

    private Listening(Connection connection) throws SQLException {
        this.connection = connection;
        this.postgres = connection.unwrap(PGConnection.class);
    }

    /**
     * LISTENs on each channel; if one of them fails, gives up those before it and throws.
     *
     * @param channels identifiers of this code base, not input: they are not quoted
     */
    public static Listening on(Connection connection, Collection<String> channels) throws SQLException {
        var listening = new Listening(connection);
        try (var statement = connection.createStatement()) {
            for (var channel : channels) {
                statement.execute("listen " + channel);
            }
        } catch (SQLException | RuntimeException e) {
            listening.close();
            throw e;
        }
        return listening;
    }

    /**
     * Waits until a notification arrives or the timeout passed; returns the notifications, none after a timeout.
     * Notifications that arrived while other statements ran on the connection are returned at once.
     */
    public List<PGNotification> await(Duration timeout) throws SQLException {
        // 0 would wait for ever
        var millis = (int) Math.min(Math.max(timeout.toMillis(), 1), Integer.MAX_VALUE);
        var notifications = postgres.getNotifications(millis);
        return notifications == null ? List.of() : List.of(notifications);
    }

    /** The notifications that arrived with the replies to other statements on the connection, without waiting. */
    public List<PGNotification> received() throws SQLException {
        var notifications = postgres.getNotifications();
        return notifications == null ? List.of() : List.of(notifications);
    }

    /** UNLISTENs on every channel, or ends the session if that fails; nothing to do if the connection is closed. */
    @Override
    public void close() {
        try {
            if (connection.isClosed()) {
                return;
            }
            try (var statement = connection.createStatement()) {
                statement.execute("unlisten *");
            }
        } catch (SQLException e) {
            log.warn("Could not UNLISTEN, ending the session instead: {}", e.toString());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException abortFailure) {
                log.warn("Could not end the session: {}", abortFailure.toString());
            }
        }
    }
}
