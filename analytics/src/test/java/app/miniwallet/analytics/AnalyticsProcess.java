package app.miniwallet.analytics;

import app.miniwallet.infra.net.FreePort;
import app.miniwallet.infra.process.ServiceProcess;
import app.miniwallet.infra.test.WalletTestStack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The analytics service as its own process, started from its executable jar as production starts it. */
final class AnalyticsProcess implements AutoCloseable {

    private final String name;
    private final String applicationId;
    private final Path stateDir;
    private final Map<String, String> settings;
    private final int port;
    private ServiceProcess process;

    private AnalyticsProcess(String name, String applicationId, Path stateDir, Map<String, String> settings) {
        this.name = name;
        this.applicationId = applicationId;
        this.stateDir = stateDir;
        this.settings = settings;
        this.port = FreePort.find();
    }

    /** Started and healthy; it reads wallet.transfer-events from the beginning if {@code applicationId} is new. */
    static AnalyticsProcess start(String name, String applicationId) {
        return start(name, applicationId, Map.of());
    }

    /** The same, with more settings as environment variables; its state directory is its own, by its name. */
    static AnalyticsProcess start(String name, String applicationId, Map<String, String> settings) {
        var analytics = new AnalyticsProcess(
                name, applicationId, Path.of("target", "kafka-streams", applicationId, name), settings);
        analytics.start();
        return analytics;
    }

    private void start() {
        var environment = new HashMap<String, String>(settings);
        environment.put(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", WalletTestStack.shared().kafkaBootstrapServers());
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("WALLET_ANALYTICS_APPLICATION_ID", applicationId);
        environment.put(
                "SPRING_KAFKA_STREAMS_STATE_DIR", stateDir.toAbsolutePath().toString());
        process = ServiceProcess.start(
                name, ServiceProcess.executableJar("analytics"), environment, Path.of("target", name + ".log"));
        process.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofSeconds(90));
    }

    /** kill -9: no shutdown, no last commit, the state directory left as it was. */
    void kill() {
        process.kill();
    }

    /** A new process with the same application id and state directory, as a supervisor would start it. */
    void restart() {
        process.stop();
        start();
    }

    AnalyticsClient client() {
        return new AnalyticsClient(port, "");
    }

    String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.stop();
    }
}
