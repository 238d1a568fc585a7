package app.miniwallet.testsupport.kafka;

import app.miniwallet.testsupport.process.Signals;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka node ({@link KafkaBroker}) in a JVM of its own, on fixed ports and a fixed data directory: so it can be
 * stopped cleanly (SIGTERM: a controlled shutdown), killed (SIGKILL: log recovery on the next start), paused (SIGSTOP)
 * and started again where it was, and so its garbage and threads do not share a heap with whoever measures it. The
 * child runs on this JVM's class path, which must hold Kafka's server classes.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String NODE_LOGGING = "app/miniwallet/testsupport/kafka/logback-kafka-node.xml";
    private static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final Path dataDirectory;
    private final KafkaNode node;
    private final Path logFile;
    private final List<String> jvmOptions;
    private volatile Process process;

    /** A single-node cluster. @param jvmOptions options for the broker's JVM, such as its heap size */
    public KafkaBrokerProcess(Path dataDirectory, int port, int controllerPort, Path logFile, List<String> jvmOptions) {
        this(dataDirectory, KafkaNode.single(port, controllerPort), logFile, jvmOptions);
    }

    /** @param jvmOptions options for the broker's JVM, such as its heap size */
    public KafkaBrokerProcess(Path dataDirectory, KafkaNode node, Path logFile, List<String> jvmOptions) {
        this.dataDirectory = dataDirectory;
        this.node = node;
        this.logFile = logFile;
        this.jvmOptions = List.copyOf(jvmOptions);
        Runtime.getRuntime().addShutdownHook(new Thread(this::killIfRunning, "kill-kafka-broker"));
    }

    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    public KafkaNode node() {
        return node;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Completes when the running process has exited, for whatever reason; its value is the exit code. */
    public synchronized CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Starts the node (formatting its storage on the very first start); returns once it answers. The wait holds no
     * lock, so the node can be stopped meanwhile.
     */
    public void start() {
        launch();
        awaitReady();
    }

    /**
     * Starts the node's process without waiting for it: the nodes of a cluster are launched together, since none
     * answers before a quorum of them runs. {@link #awaitReady} waits.
     */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is already running (pid " + process.pid() + ")");
        }
        var command = new ArrayList<String>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-Dlogback.configurationFile=" + NODE_LOGGING);
        command.addAll(mainClassOnThisClassPath(KafkaBroker.class));
        command.add(dataDirectory.toAbsolutePath().toString());
        command.addAll(node.arguments());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(
                    logFile,
                    "==== " + Instant.now() + " starting the broker" + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
    }

    /** SIGTERM: the broker's controlled shutdown; returns once it has exited. */
    public synchronized void stopCleanly() {
        process.destroy();
        awaitExit();
    }

    /** SIGSTOP: the node freezes with its connections open, as in a long GC pause or a hung VM. */
    public synchronized void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused node goes on where it stopped. */
    public synchronized void resume() {
        signal("CONT");
    }

    /** SIGKILL: no shutdown at all; the next start recovers its logs. */
    public synchronized void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** A controlled shutdown if it still runs; SIGKILL if that takes too long. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void killIfRunning() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the Kafka broker did not exit within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker to exit", e);
        }
    }

    /** Ready when a client can reach it and the cluster's metadata names it; a broker that exits fails at once. */
    public void awaitReady() {
        var process = this.process;
        var deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the Kafka broker exited with code " + process.exitValue() + "; see " + logFile);
                }
                try {
                    var nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(known -> known.id() == node.id())) {
                        return;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                } catch (ExecutionException | TimeoutException notYet) {
                    // still starting: look again shortly
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
        throw new IllegalStateException("the Kafka broker on " + bootstrapServers() + " did not answer within "
                + READY_TIMEOUT + "; see " + logFile);
    }

    private void signal(String signal) {
        if (!isAlive()) {
            throw new IllegalStateException("Kafka node " + node.id() + " is not running, cannot send SIG" + signal);
        }
        Signals.send(signal, "Kafka node " + node.id(), List.of(process.pid()));
    }

    /**
     * The arguments that run {@code mainClass} on this JVM's class path. Started from Spring Boot's executable jar
     * (the dev stack's launcher), the classes are nested in it, so Boot's own launcher runs the class; otherwise (tests,
     * the benchmark) the class path as it is.
     */
    private static List<String> mainClassOnThisClassPath(Class<?> mainClass) {
        var classPath = System.getProperty("java.class.path");
        if (isSpringBootJar(classPath)) {
            return List.of("-cp", classPath, "-Dloader.main=" + mainClass.getName(), BOOT_PROPERTIES_LAUNCHER);
        }
        return List.of("-cp", classPath, mainClass.getName());
    }

    private static boolean isSpringBootJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (var jar = new JarFile(classPath)) {
            var manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseGet(() -> Path.of(
                        System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
