package app.miniwallet.testsupport.architecture.planted.processor.transfer.jdbc;

import app.miniwallet.testsupport.architecture.planted.processor.transfer.Ledger;
import java.sql.Connection;
import java.sql.SQLException;

public class JdbcLedger extends Ledger {

    private final Connection connection;

    public JdbcLedger(Connection connection) {
        this.connection = connection;
    }

    public boolean isOpen() throws SQLException {
        return !connection.isClosed();
    }
}
