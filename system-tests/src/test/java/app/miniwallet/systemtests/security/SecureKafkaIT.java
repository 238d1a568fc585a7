package app.miniwallet.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.feed.FeedClient;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.fixtures.WalletRows.WalletUser;
import app.miniwallet.testsupport.kafka.KafkaBroker;
import app.miniwallet.testsupport.kafka.KafkaNode;
import app.miniwallet.testsupport.kafka.KafkaSecurity;
import app.miniwallet.testsupport.mail.MailCatcher;
import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceConnections;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.AclCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The wallet on Kafka secured as the README tells an operator to run it in production: SASL/SCRAM-SHA-512 over TLS,
 * one principal per service, and Kafka's authorizer refusing whatever {@code deploy/kafka/acls.csv} does not grant.
 * The ACLs go in through {@code deploy/kafka/apply-acls.sh} and Kafka's own {@code kafka-acls} command; the four
 * services run as processes told only the settings the README shows; a transfer goes through all of them. A client
 * without credentials, with a wrong password, or asking for more than its ACLs allow, is refused.
 */
class SecureKafkaIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(60);
    private static final Path DEPLOY_KAFKA = ServiceProcess.repositoryRoot().resolve("deploy/kafka");
    private static final Path WORK = Path.of("target", "secure-kafka").toAbsolutePath();
    private static final List<String> SERVICES = List.of("api", "transfer-processor", "notifier", "analytics");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final AccessTokenSigner tokens =
            new AccessTokenSigner(WalletTestStack.JWT_SECRET, Duration.ofMinutes(30));

    private static KafkaSecurity security;
    private static KafkaBroker kafka;
    private static EmbeddedPostgres postgres;
    private static MailCatcher mail;
    private static final Map<String, String> passwords = new HashMap<>();
    private static final Map<String, ServiceLauncher> launchers = new HashMap<>();
    private static final List<ServiceProcess> running = new CopyOnWriteArrayList<>();
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void startTheWalletOnASecuredKafka() throws Exception {
        security = KafkaSecurity.generate(WORK.resolve("tls"));
        kafka = KafkaBroker.start(
                WORK.resolve("kafka-" + UUID.randomUUID()),
                KafkaNode.single(FreePort.find(), FreePort.find()),
                security);
        try (var admin = Admin.create(client(security.adminClientConfiguration()))) {
            createTheTopics(admin);
            for (var service : SERVICES) {
                passwords.put(service, UUID.randomUUID().toString());
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                principal(service),
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                                passwords.get(service))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
        applyTheAclsWithKafkaAcls();

        postgres = WalletTestStack.startOwnPostgres();
        var jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/wallet";
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser("wallet");
        dataSource.setPassword("wallet");
        var connections = new ServiceConnections(
                kafka.bootstrapServers(),
                jdbcUrl,
                "wallet",
                "wallet",
                WalletTestStack.JWT_SECRET,
                ServiceConnections.randomEventEncryptionKey("secure-kafka"),
                WalletTestStack.OPERATOR_PASSWORD);
        var smtpPort = FreePort.find();
        mail = MailCatcher.start(smtpPort, FreePort.find(), FreePort.find());
        for (var service : SERVICES) {
            launchers.put(
                    service,
                    ServiceLauncher.of(service, connections)
                            .with(security.serviceEnvironment(principal(service), passwords.get(service)))
                            .loggingTo(WORK.resolve(service + ".log")));
        }
        launchers.get("transfer-processor").with("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-secure-kafka");
        launchers.get("notifier").mailingTo(MailCatcher.BIND_ADDRESS, smtpPort);
        launchers
                .get("analytics")
                .with(
                        "SPRING_KAFKA_STREAMS_STATE_DIR",
                        WORK.resolve("analytics-state-" + UUID.randomUUID()).toString());
        // the api migrates the schema first; the others start on it
        running.add(launchers.get("api").startHealthy(START_TIMEOUT));
        CompletableFuture.allOf(SERVICES.stream()
                        .skip(1)
                        .map(service -> CompletableFuture.runAsync(
                                () -> running.add(launchers.get(service).startHealthy(START_TIMEOUT))))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        running.forEach(ServiceProcess::stop);
        if (mail != null) {
            mail.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aTransferGoesThroughEveryServiceWithOnlyTheGrantsOfAclsCsv() throws Exception {
        var rows = new WalletRows(dataSource);
        var sender = rows.userWithBalance("Sasl Sender", 100_00);
        var receiver = rows.newUser("Sasl Receiver");

        try (var feed = FeedClient.connect(launchers.get("notifier").port(), token(receiver))
                .subscribe()) {
            var transferId = send(sender, receiver, "12.00");

            await().atMost(SETTLES_WITHIN)
                    .until(() -> get("/api/transfers/" + transferId, sender).contains("COMPLETED"));
            assertThat(feed.awaitMessages(1).get(0).get("transfer_id").asString())
                    .isEqualTo(transferId);
        }
        var analytics = launchers.get("analytics").url().resolve("/api/analytics/users/" + sender.id());
        await().atMost(SETTLES_WITHIN)
                .until(() ->
                        http.send(HttpRequest.newBuilder(analytics).build(), HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200);
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordIsRefused() {
        var plain = new HashMap<String, Object>();
        plain.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        try (var admin = Admin.create(client(plain))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
        try (var admin = Admin.create(client(security.clientConfiguration(principal("api"), "not-the-password")))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aServiceCannotWriteWhereItsAclsDoNotLetIt() {
        // the notifier forging a transfer request, analytics forging a transfer's result
        assertThat(sendAs("notifier", Topics.TRANSFER_REQUESTS)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendAs("analytics", Topics.TRANSFER_EVENTS)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendAs("api", Topics.TRANSFER_EVENTS)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(sendAs("api", Topics.TRANSFER_REQUESTS))
                .as("what the api may write")
                .isNull();
    }

    /** What sending one plain record to {@code topic} as {@code service}'s principal failed with; null if it did not. */
    private static Throwable sendAs(String service, String topic) {
        var configuration = client(security.clientConfiguration(principal(service), passwords.get(service)));
        configuration.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        configuration.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (var producer = new KafkaProducer<>(configuration, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "someone", "{}")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * Runs {@code apply-acls.sh} with a {@code kafka-acls.sh} that writes down its arguments, then gives each
     * argument list to Kafka's own {@code kafka-acls} ({@link AclCommand}) in this JVM: the script's arguments are
     * checked by the tool operators run, without starting a JVM per grant.
     */
    private static void applyTheAclsWithKafkaAcls() throws Exception {
        var adminProperties = WORK.resolve("admin.properties");
        var properties = new Properties();
        security.adminClientConfiguration().forEach((key, value) -> properties.setProperty(key, value.toString()));
        try (var out = Files.newOutputStream(adminProperties)) {
            properties.store(out, "the admin's client settings");
        }
        var calls = WORK.resolve("kafka-acls-calls");
        var recorder = WORK.resolve("kafka-acls-recorder.sh");
        Files.writeString(recorder, "#!/bin/sh\nprintf '%s\\037' \"$@\" >> '" + calls + "'\necho >> '" + calls + "'\n");
        recorder.toFile().setExecutable(true);
        Files.deleteIfExists(calls);
        var script = new ProcessBuilder(
                        DEPLOY_KAFKA.resolve("apply-acls.sh").toString(),
                        kafka.bootstrapServers(),
                        adminProperties.toString())
                .redirectErrorStream(true);
        script.environment().put("KAFKA_ACLS", recorder.toString());
        var process = script.start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();

        var grants = Files.readAllLines(calls);
        assertThat(grants).hasSize((int) Files.readAllLines(DEPLOY_KAFKA.resolve("acls.csv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .count());
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("kafka-acls exited with " + status + ": " + message);
        });
        try {
            for (var grant : grants) {
                AclCommand.main(grant.split("\037"));
            }
        } finally {
            Exit.resetExitProcedure();
        }
    }

    private static void createTheTopics(Admin admin) throws Exception {
        var minInsync = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
        var partitions = WalletTestStack.PARTITIONS;
        admin.createTopics(List.of(
                        new NewTopic(Topics.TRANSFER_REQUESTS, partitions, (short) 1).configs(minInsync),
                        new NewTopic(Topics.TRANSFER_EVENTS, partitions, (short) 1).configs(minInsync),
                        new NewTopic(Topics.USER_EVENTS, partitions, (short) 1).configs(minInsync),
                        new NewTopic(Topics.TRANSFER_REQUESTS_DLT, 1, (short) 1).configs(minInsync)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static Map<String, Object> client(Map<String, Object> security) {
        var configuration = new HashMap<>(security);
        configuration.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return configuration;
    }

    private static String principal(String service) {
        return "wallet-" + service;
    }

    private static String send(WalletUser sender, WalletUser receiver, String amount) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(launchers.get("api").url().resolve("/api/transfers"))
                        .header("Authorization", "Bearer " + token(sender))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"receiver_id\":\"" + receiver.id() + "\",\"amount\":\"" + amount + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("id")
                .asString();
    }

    private static String get(String path, WalletUser user) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(launchers.get("api").url().resolve(path))
                                .header("Authorization", "Bearer " + token(user))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String token(WalletUser user) {
        return tokens.sign(user.id().value(), Instant.now()).value();
    }
}
