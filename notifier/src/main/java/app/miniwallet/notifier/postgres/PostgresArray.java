package app.miniwallet.notifier.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.SqlTypeValue;

/**
 * A JDBC parameter that is a PostgreSQL array, so that a whole batch goes into one statement with
 * {@code unnest(?, ?, ...)}: one round trip instead of one per row.
 */
public record PostgresArray(String elementType, Object[] elements) implements SqlTypeValue {

    public static PostgresArray of(String elementType, Object[] elements) {
        return new PostgresArray(elementType, elements);
    }

    @Override
    public void setTypeValue(PreparedStatement statement, int index, int sqlType, String typeName) throws SQLException {
        statement.setArray(index, statement.getConnection().createArrayOf(elementType, elements));
    }
}
