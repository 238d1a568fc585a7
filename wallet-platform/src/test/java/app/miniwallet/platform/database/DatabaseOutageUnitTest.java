package app.miniwallet.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageUnitTest {

    @Test
    void aLostOrRefusedConnectionIsAnOutageHoweverDeeplyWrapped() {
        var serverGone = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        var shuttingDown = new SQLException("terminating connection due to administrator command", "57P01");

        assertThat(DatabaseOutage.causedBy(new IllegalStateException("while signing in", serverGone)))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new DataRetrievalFailureException("read", shuttingDown)))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("pool")))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new TransactionSystemException("Connection is closed")))
                .isTrue();
    }

    @Test
    void aRefusedStatementOrABugIsNoOutage() {
        var uniqueViolation = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("insert", uniqueViolation)))
                .isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("no state"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("a bug")))
                .isFalse();
    }
}
