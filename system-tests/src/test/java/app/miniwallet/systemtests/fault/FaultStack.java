package app.miniwallet.systemtests.fault;

import app.miniwallet.testsupport.kafka.KafkaCluster;
import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceConnections;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole wallet as separate processes, every part of which a fault scenario may crash, in the shape of {@code ./run
 * --cluster}: a Kafka cluster of three nodes ({@link KafkaCluster}: replication factor 3, {@code min.insync.replicas}
 * 2), PostgreSQL ({@link RestartablePostgres}), the api, one or two transfer-processors and the notifier from their
 * runnable jars, and a mail server ({@link MailCapture}). Started once per test JVM, in a fresh {@code
 * target/fault-stack} directory.
 */
final class FaultStack {

    static final Duration STARTUP = Duration.ofSeconds(240);
    /** Access tokens signed for the stack's people outlive the longest fault run. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);
    /** Short enough that a SIGSTOP outlasts it within a test, long enough for a slow batch on a busy machine. */
    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(FaultStack.class);
    private static FaultStack shared;

    private final Path directory;
    static final int KAFKA_NODES = 3;

    private final KafkaCluster kafka;
    private final RestartablePostgres postgres;
    private final String jwtSecret;
    private final String eventEncryptionKey = ServiceConnections.randomEventEncryptionKey("fault");
    private final Path apiJar;
    private final Path processorJar;
    private final Path notifierJar;
    private final MailCapture mail;
    private volatile ServiceProcess notifier;
    private final Map<String, ServiceProcess> processors = new LinkedHashMap<>();
    private volatile ServiceProcess api;
    private volatile URI apiUri;

    private FaultStack(
            Path directory, KafkaCluster kafka, RestartablePostgres postgres, MailCapture mail, String jwtSecret) {
        this.directory = directory;
        // a run restarts services many times; a build elsewhere in the tree must not swap their jars meanwhile
        this.apiJar = snapshotOf(ServiceProcess.executableJar("api"), directory.resolve("jars/api.jar"));
        this.processorJar = snapshotOf(
                ServiceProcess.executableJar("transfer-processor"), directory.resolve("jars/transfer-processor.jar"));
        this.notifierJar = snapshotOf(ServiceProcess.executableJar("notifier"), directory.resolve("jars/notifier.jar"));
        this.kafka = kafka;
        this.mail = mail;
        this.postgres = postgres;
        this.jwtSecret = jwtSecret;
    }

    static synchronized FaultStack shared() {
        if (shared == null) {
            shared = start(ServiceProcess.repositoryRoot().resolve("system-tests/target/fault-stack"));
        }
        return shared;
    }

    private static FaultStack start(Path directory) {
        deleteRecursively(directory);
        var started = System.nanoTime();
        var ports = distinctFreePorts(2 * KAFKA_NODES);
        var kafka = KafkaCluster.start(
                directory.resolve("kafka"),
                ports.subList(0, KAFKA_NODES),
                ports.subList(KAFKA_NODES, 2 * KAFKA_NODES),
                directory.resolve("logs"),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        var postgres = RestartablePostgres.start(
                directory.resolve("postgres"), FreePort.find(), directory.resolve("logs/postgres.log"));
        var secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        var mail = MailCapture.start(FreePort.find());
        var stack =
                new FaultStack(directory, kafka, postgres, mail, HexFormat.of().formatHex(secret));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stopServices, "stop-fault-stack-services"));
        stack.startApi();
        stack.startNotifier();
        log.info(
                "fault stack up in {} s: Kafka {}, PostgreSQL {}, api {}, SMTP {}, logs in {}",
                (System.nanoTime() - started) / 1_000_000_000,
                kafka.bootstrapServers(),
                postgres.jdbcUrl(),
                stack.apiUri,
                mail.smtpPort(),
                directory.resolve("logs"));
        return stack;
    }

    Path logDirectory() {
        return directory.resolve("logs");
    }

    KafkaCluster kafka() {
        return kafka;
    }

    RestartablePostgres postgres() {
        return postgres;
    }

    DataSource dataSource() {
        return postgres.dataSource();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    MailCapture mail() {
        return mail;
    }

    String jwtSecret() {
        return jwtSecret;
    }

    synchronized ServiceProcess api() {
        return api;
    }

    /** Where the api answers now; a restarted api may answer elsewhere. */
    URI apiUri() {
        return apiUri;
    }

    // ---- api

    synchronized void startApi() {
        // the relay wakes on NOTIFY; the poll is only its fallback after a reconnect
        var launcher = launcher("api", apiJar)
                .with("WALLET_OUTBOX_POLL_INTERVAL", "500ms")
                // the bad-input fuzz sends everything from one address as one caller; the registration and the
                // search the other tests make must still get through, whatever the fuzz sent before them
                .with("WALLET_RATELIMITS_REGISTERPERADDRESS_LIMIT", "100000")
                .with("WALLET_RATELIMITS_SEARCHPERADDRESS_LIMIT", "100000")
                .with("WALLET_RATELIMITS_SEARCHPERACCOUNT_LIMIT", "100000");
        api = launcher.startHealthy(STARTUP);
        apiUri = launcher.url();
    }

    /** kill -9 of the api, then a new one, on a new port so no socket of the dead one is in the way. */
    synchronized void killAndRestartApi() {
        api.kill();
        startApi();
    }

    // ---- notifier

    synchronized void startNotifier() {
        notifier = launcher("notifier", notifierJar)
                .mailingTo(MailCapture.HOST, mail.smtpPort())
                .startHealthy(STARTUP);
    }

    synchronized ServiceProcess notifier() {
        return notifier;
    }

    /** kill -9 of the notifier, then a new one, as a supervisor would restart it. */
    synchronized void killAndRestartNotifier() {
        notifier.kill();
        startNotifier();
    }

    // ---- transfer-processor

    synchronized void startProcessor(String instanceId) {
        var running = processors.get(instanceId);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(instanceId + " is already running");
        }
        var launcher = launcher("transfer-processor", processorJar)
                .named(instanceId)
                .loggingTo(directory.resolve("logs/" + instanceId + ".log"))
                .with("WALLET_PROCESSOR_INSTANCE_ID", instanceId)
                .with(
                        "SPRING_KAFKA_CONSUMER_PROPERTIES_MAX_POLL_INTERVAL_MS",
                        Long.toString(MAX_POLL_INTERVAL.toMillis()));
        var process = launcher.start();
        processors.put(instanceId, process);
        process.awaitHealthy(launcher.healthUrl(), STARTUP);
    }

    synchronized ServiceProcess processor(String instanceId) {
        var process = processors.get(instanceId);
        if (process == null) {
            throw new IllegalStateException("no processor " + instanceId + " was started");
        }
        return process;
    }

    synchronized boolean isRunning(String instanceId) {
        var process = processors.get(instanceId);
        return process != null && process.isAlive();
    }

    /** kill -9, then the same instance again, as a supervisor would restart it. */
    synchronized void killAndRestartProcessor(String instanceId) {
        processor(instanceId).kill();
        startProcessor(instanceId);
    }

    synchronized void stopProcessor(String instanceId) {
        processor(instanceId).stop();
    }

    /** A service of this stack on a new port (no socket of a killed predecessor is in the way), logging to logs/. */
    private ServiceLauncher launcher(String module, Path jar) {
        var connections = new ServiceConnections(
                kafka.bootstrapServers(),
                postgres.jdbcUrl(),
                RestartablePostgres.USER,
                RestartablePostgres.PASSWORD,
                jwtSecret,
                eventEncryptionKey,
                WalletTestStack.OPERATOR_PASSWORD);
        return ServiceLauncher.of(module, connections)
                .fromJar(jar)
                .loggingTo(directory.resolve("logs/" + module + ".log"))
                .with("WALLET_TOPICS_REPLICAS", Integer.toString(KAFKA_NODES))
                // five JVMs share two cores with the tests: small heaps, and no C2 compiler time at start
                .with("JAVA_TOOL_OPTIONS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    }

    private synchronized void stopServices() {
        processors.values().forEach(ServiceProcess::stop);
        if (api != null) {
            api.stop();
        }
        if (notifier != null) {
            notifier.stop();
        }
        mail.close();
    }

    private static List<Integer> distinctFreePorts(int count) {
        var ports = new java.util.LinkedHashSet<Integer>();
        while (ports.size() < count) {
            ports.add(FreePort.find());
        }
        return List.copyOf(ports);
    }

    private static Path snapshotOf(Path jar, Path copy) {
        try {
            Files.createDirectories(copy.getParent());
            return Files.copy(jar, copy);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + jar, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not delete " + path, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear " + directory, e);
        }
    }
}
