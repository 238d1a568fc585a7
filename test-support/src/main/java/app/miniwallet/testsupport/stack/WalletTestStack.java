package app.miniwallet.testsupport.stack;

import app.miniwallet.contracts.Topics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real KRaft Kafka broker and a real PostgreSQL for tests, started once per JVM and shared by
 * every test class in it. Tests keep out of each other's way by making their own users.
 */
public final class WalletTestStack {

    public static final int PARTITIONS = 6;

    /** What the services of a test sign and check access tokens with. */
    public static final String JWT_SECRET = "test-secret-for-access-tokens-0123456789";

    /** What the api of a test encrypts the account emails' tokens with, and its notifier decrypts them with. */
    public static final String EVENT_ENCRYPTION_KEY = ServiceConnections.randomEventEncryptionKey("test");

    /**
     * The key {@link #EVENT_ENCRYPTION_KEY} replaced: the services of a test are configured as after a rotation, so
     * what it encrypted still decrypts.
     */
    public static final String PREVIOUS_EVENT_ENCRYPTION_KEY = ServiceConnections.randomEventEncryptionKey("rotated");

    /** The operator's password (HTTP Basic, user {@code operator}) of the services of a test. */
    public static final String OPERATOR_PASSWORD = "operator-password-for-tests-0123";

    private static WalletTestStack shared;

    private final EmbeddedKafkaKraftBroker kafka;
    private final EmbeddedPostgres postgres;
    private final PGSimpleDataSource dataSource;

    private WalletTestStack(EmbeddedKafkaKraftBroker kafka, EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(username());
        dataSource.setPassword(password());
    }

    public static synchronized WalletTestStack shared() {
        if (shared == null) {
            shared = new WalletTestStack(startKafka(), startPostgres());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "wallet-test-stack-stop"));
        }
        return shared;
    }

    private static EmbeddedKafkaKraftBroker startKafka() {
        var broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        broker.addTopics(
                new NewTopic(Topics.TRANSFER_REQUESTS, PARTITIONS, (short) 1),
                new NewTopic(Topics.TRANSFER_EVENTS, PARTITIONS, (short) 1),
                new NewTopic(Topics.TRANSFER_REQUESTS_DLT, 1, (short) 1),
                new NewTopic(Topics.USER_EVENTS, PARTITIONS, (short) 1));
        return broker;
    }

    /**
     * A PostgreSQL of the caller's own with an empty wallet database, for a test that stops it ({@code close()}) to
     * see an outage while the shared one stays up for every other test; {@link #springProperties(EmbeddedPostgres)}
     * points a service at it.
     */
    public static EmbeddedPostgres startOwnPostgres() {
        return startPostgres();
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            var postgres = EmbeddedPostgres.builder()
                    // tests need no durability across a machine crash; commits stay transactional
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("create role wallet login password 'wallet'");
                statement.execute("create database wallet owner wallet");
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the wallet database", e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres);
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/wallet";
    }

    public String username() {
        return "wallet";
    }

    public String password() {
        return "wallet";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Connections to the wallet database, each new and tagged with the application name, so that a test can find the
     * sessions of the code under test in {@code pg_stat_activity} (to count, stop or end them).
     */
    public DataSource dataSourceNamed(String applicationName) {
        var named = new PGSimpleDataSource();
        named.setURL(jdbcUrl());
        named.setUser(username());
        named.setPassword(password());
        named.setApplicationName(applicationName);
        return named;
    }

    /** Spring properties that point a service at this stack. */
    public Map<String, String> springProperties() {
        var properties = new LinkedHashMap<String, String>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.put("spring.datasource.url", jdbcUrl());
        properties.put("spring.datasource.username", username());
        properties.put("spring.datasource.password", password());
        properties.put("wallet.auth.jwt-secret", JWT_SECRET);
        properties.put("wallet.event-encryption.current-key", EVENT_ENCRYPTION_KEY);
        properties.put("wallet.event-encryption.previous-keys", PREVIOUS_EVENT_ENCRYPTION_KEY);
        properties.put("wallet.operator.password", OPERATOR_PASSWORD);
        return properties;
    }

    /** {@link #springProperties()} with the database of {@code postgres}, from {@link #startOwnPostgres()}. */
    public Map<String, String> springProperties(EmbeddedPostgres postgres) {
        var properties = springProperties();
        properties.put("spring.datasource.url", jdbcUrl(postgres));
        return properties;
    }

    /** The same settings for a service started as its own process ({@link ServiceLauncher}). */
    public ServiceConnections connections() {
        return new ServiceConnections(
                kafkaBootstrapServers(),
                jdbcUrl(),
                username(),
                password(),
                JWT_SECRET,
                EVENT_ENCRYPTION_KEY,
                OPERATOR_PASSWORD);
    }

    private void stop() {
        kafka.destroy();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
