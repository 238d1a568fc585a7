package app.miniwallet.platform.database;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that is unavailable for a moment (restarting, failing over, out of connections) or that gave up on
 * a transient conflict from every other failure. Such a failure is neither the client's fault nor a bug: a retry a
 * little later will do, and every service says so to its clients (the api with a 503 and {@code Retry-After}, the
 * live feed with an ERROR frame asking to connect again) instead of reporting an unexpected error.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    /** Whether the failure, or anything it wraps, says the database is unavailable for now. */
    public static boolean causedBy(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException // no connection, connection lost, server gone
                    || cause instanceof TransientDataAccessException // lock timeout, deadlock loser, query timeout
                    || cause instanceof CannotCreateTransactionException // no connection to begin with
                    // commit or rollback failed: the connection broke (a rollback that fails after the
                    // statement failed hides that statement's failure behind "Connection is closed")
                    || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientException // the pool's timeout before translation
                    || cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) and 57P (shutting down, crashed, not yet accepting connections). */
    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }
}
