package app.miniwallet.testsupport.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the wallet's services running as its own operating-system process, started from its executable jar the way
 * production starts it. Fault tests use it to kill, pause and resume a service; the dev stack uses it to run all of
 * them. Signals go through the {@code kill} command because the JDK can send only SIGTERM and SIGKILL.
 */
public final class ServiceProcess implements AutoCloseable {

    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration HEALTH_POLL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;

    private ServiceProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * The executable jar of a module: the one named by the system property {@code wallet.jar.<module>} when it is set
     * (the system tests' build passes the jars Maven resolved for them), otherwise the one the module's build made,
     * {@code <repo root>/<module>/target/<module>-*-exec.jar}, where the repo root is the first ancestor of the working
     * directory that holds {@code mvnw}.
     */
    public static Path executableJar(String module) {
        var resolved = System.getProperty("wallet.jar." + module);
        if (resolved != null && !resolved.isBlank()) {
            return Path.of(resolved);
        }
        var target = repositoryRoot().resolve(module).resolve("target");
        var prefix = module + "-";
        List<Path> jars;
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(file -> {
                        var fileName = file.getFileName().toString();
                        return fileName.startsWith(prefix) && fileName.endsWith("-exec.jar");
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + target, e);
        }
        // more than one means an old version is lying around; the newest build is the one meant
        return jars.stream()
                .max((left, right) -> lastModified(left).compareTo(lastModified(right)))
                .orElseThrow(() -> new IllegalStateException("no executable jar " + prefix + "*-exec.jar in " + target
                        + ": build it first with ./mvnw -B -DskipTests install"));
    }

    /** The first ancestor of the working directory (or itself) that holds the Maven wrapper {@code mvnw}. */
    public static Path repositoryRoot() {
        var workingDirectory = Path.of("").toAbsolutePath();
        for (var directory = workingDirectory; directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("mvnw"))) {
                return directory;
            }
        }
        throw new IllegalStateException(
                "no mvnw in " + workingDirectory + " or above: run this from inside the mini-wallet repository");
    }

    /**
     * Starts {@code java -jar executableJar} with the current JVM's java binary. The child inherits this process's
     * environment plus {@code environment}; its stdout and stderr are appended to {@code logFile}.
     */
    public static ServiceProcess start(String name, Path executableJar, Map<String, String> environment, Path logFile) {
        if (!Files.isRegularFile(executableJar)) {
            throw new IllegalArgumentException("no such jar for " + name + ": " + executableJar);
        }
        return start(name, List.of(javaBinary(), "-jar", executableJar.toString()), environment, logFile);
    }

    /**
     * Starts {@code java -cp <this JVM's class path> mainClass}: a program that ships in no executable jar of its own
     * (the benchmark's seed-shaped service), in a JVM of its own, like the services.
     */
    public static ServiceProcess startMainClass(
            String name, String mainClass, Map<String, String> environment, Path logFile) {
        return start(
                name,
                List.of(javaBinary(), "-cp", System.getProperty("java.class.path"), mainClass),
                environment,
                logFile);
    }

    /** Starts any command; tests use it to run a tiny main class instead of a whole service. */
    static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
        try {
            var logDirectory = logFile.toAbsolutePath().getParent();
            if (logDirectory != null) {
                Files.createDirectories(logDirectory);
            }
            // appended, not truncated: after a kill -9 and restart the log still shows what happened before
            Files.writeString(
                    logFile,
                    "==== " + Instant.now() + " starting " + name + ": " + String.join(" ", command)
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            var builder = new ProcessBuilder(inOwnSession(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            var service = new ServiceProcess(name, builder.start(), logFile);
            LeftBehind.watch(service);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * Runs the command as the leader of a new session when {@code setsid} is there: a Ctrl-C in the terminal then
     * reaches only the JVM that owns the services, which stops them in order, as a supervisor would in production.
     * {@code setsid} execs the command, so the pid stays the service's own.
     */
    private static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        var sessionCommand = new ArrayList<String>();
        sessionCommand.add(SETSID.toString());
        sessionCommand.addAll(command);
        return sessionCommand;
    }

    /**
     * Polls {@code healthUrl} until it answers HTTP 200. Fails at once, with the end of the log, if the process exits
     * meanwhile, and with the last answer and the end of the log if {@code timeout} passes.
     */
    public void awaitHealthy(URI healthUrl, Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        var client = new HealthClient();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was healthy; the end of " + logFile + ":" + System.lineSeparator()
                        + logTail());
            }
            var lastAnswer = client.probe(healthUrl);
            if (lastAnswer.equals(HealthClient.HEALTHY)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not healthy at " + healthUrl + " within " + timeout
                        + " (last answer: " + lastAnswer + "); the end of " + logFile + ":"
                        + System.lineSeparator() + logTail());
            }
            // waiting on the exit doubles as the pause between polls and notices a crash at once
            awaitExit(HEALTH_POLL);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has exited, for whatever reason. */
    public CompletableFuture<ServiceProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    public Path logFile() {
        return logFile;
    }

    /** The exit code, once the process has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL, as {@code kill -9} would: the service gets no chance to clean up. Returns once it has exited. */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        awaitExitOrFail(STOP_GRACE);
    }

    /** SIGSTOP: the process freezes mid-flight, its connections open, as in a long GC pause or a hung VM. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused process goes on where it stopped. */
    public void resume() {
        signal("CONT");
    }

    /** SIGTERM for a graceful shutdown; SIGKILL if it is still running after 30 seconds. */
    public void stop() {
        stop(STOP_GRACE);
    }

    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        continueIfPaused();
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the log file, for error messages. */
    public String logTail() {
        return logTail(LOG_TAIL_LINES);
    }

    public String logTail(int lineCount) {
        try {
            var lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(
                    System.lineSeparator(), lines.subList(Math.max(0, lines.size() - lineCount), lines.size()));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    /** A paused process would not act on SIGTERM until continued. */
    private void continueIfPaused() {
        try {
            signal("CONT");
        } catch (IllegalStateException e) {
            // it may have exited since we looked; only a live process that cannot be signalled is a problem
            if (process.isAlive()) {
                throw e;
            }
        }
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " is not running, cannot send SIG" + signal);
        }
        Signals.send(signal, name, List.of(process.pid()));
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private void awaitExitOrFail(Duration timeout) {
        if (!awaitExit(timeout)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") did not exit within " + timeout);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseGet(() -> Path.of(
                        System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops, when this JVM exits, every service it started and nobody stopped: a test that forgets one, or a launcher
     * that dies of an exception, must not leave JVMs running on the machine.
     */
    private static final class LeftBehind {

        private static final Set<ServiceProcess> running = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> running.forEach(service -> service.stop(Duration.ofSeconds(10))),
                            "stop-left-behind-services"));
        }

        static void watch(ServiceProcess service) {
            running.add(service);
            service.process.onExit().thenRun(() -> running.remove(service));
        }
    }

    /** Health polls that turn every failure into a short description of the answer. */
    private static final class HealthClient {

        static final String HEALTHY = "HTTP 200";

        private final HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        String probe(URI url) {
            var request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            try {
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? HEALTHY : "HTTP " + response.statusCode() + " " + response.body();
            } catch (ConnectException e) {
                return "connection refused";
            } catch (HttpTimeoutException e) {
                return "no answer within 5 s";
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while polling " + url, e);
            }
        }
    }
}
