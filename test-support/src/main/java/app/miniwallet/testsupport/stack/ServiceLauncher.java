package app.miniwallet.testsupport.stack;

import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start one wallet service as a process of its own: its module's runnable jar, on a port of its own, told
 * through its environment where Kafka, PostgreSQL and the mail server are, as in production. The dev stack, the
 * benchmark, the fault suite and the system tests all start their services through it; a launcher can start its
 * service again after a crash, with the same settings.
 */
public final class ServiceLauncher {

    private final String module;
    private final ServiceConnections connections;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private String name;
    private int port;
    private Path jar;
    private Path logFile;

    private ServiceLauncher(String module, ServiceConnections connections) {
        this.module = module;
        this.connections = connections;
        this.name = module;
        this.port = FreePort.find();
        this.logFile = Path.of("target", module + ".log");
    }

    /** {@code module}'s runnable jar ({@link ServiceProcess#executableJar}) on a free port, logging to target/. */
    public static ServiceLauncher of(String module, ServiceConnections connections) {
        return new ServiceLauncher(module, connections);
    }

    /** The process's name, for its log lines and pid file; the module's name unless there are several of it. */
    public ServiceLauncher named(String name) {
        this.name = name;
        return this;
    }

    public ServiceLauncher onPort(int port) {
        this.port = port;
        return this;
    }

    /** Another copy of the jar, e.g. a snapshot a rebuild cannot replace while the service runs. */
    public ServiceLauncher fromJar(Path jar) {
        this.jar = jar;
        return this;
    }

    public ServiceLauncher loggingTo(Path logFile) {
        this.logFile = logFile;
        return this;
    }

    public ServiceLauncher mailingTo(String host, int smtpPort) {
        return with("SPRING_MAIL_HOST", host).with("SPRING_MAIL_PORT", Integer.toString(smtpPort));
    }

    /** One more environment variable; a later one of the same name wins. */
    public ServiceLauncher with(String variable, String value) {
        settings.put(variable, value);
        return this;
    }

    public ServiceLauncher with(Map<String, String> variables) {
        settings.putAll(variables);
        return this;
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("http://localhost:" + port);
    }

    public URI healthUrl() {
        return url().resolve("/actuator/health");
    }

    /** Starts the service and returns at once; {@link ServiceProcess#awaitHealthy} tells when it is up. */
    public ServiceProcess start() {
        var environment = connections.environment();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.putAll(settings);
        return ServiceProcess.start(
                name, jar != null ? jar : ServiceProcess.executableJar(module), environment, logFile);
    }

    /** Starts the service and returns once its health endpoint answers UP. */
    public ServiceProcess startHealthy(Duration within) {
        var process = start();
        process.awaitHealthy(healthUrl(), within);
        return process;
    }
}
