package app.miniwallet.analytics;

import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The analytics service as its own process, started from its executable jar as production starts it. */
final class AnalyticsProcess implements AutoCloseable {

    private final ServiceLauncher launcher;
    private ServiceProcess process;

    private AnalyticsProcess(ServiceLauncher launcher) {
        this.launcher = launcher;
    }

    /** Started and healthy; it reads wallet.transfer-events from the beginning if {@code applicationId} is new. */
    static AnalyticsProcess start(String name, String applicationId) {
        return start(name, applicationId, Map.of());
    }

    /** The same, with more settings as environment variables; its state directory is its own, by its name. */
    static AnalyticsProcess start(String name, String applicationId, Map<String, String> settings) {
        var stateDir = Path.of("target", "kafka-streams", applicationId, name);
        var analytics = new AnalyticsProcess(
                ServiceLauncher.of("analytics", WalletTestStack.shared().connections())
                        .named(name)
                        .loggingTo(Path.of("target", name + ".log"))
                        .with(settings)
                        .with("WALLET_ANALYTICS_APPLICATION_ID", applicationId)
                        .with(
                                "SPRING_KAFKA_STREAMS_STATE_DIR",
                                stateDir.toAbsolutePath().toString()));
        analytics.start();
        return analytics;
    }

    private void start() {
        process = launcher.startHealthy(Duration.ofSeconds(90));
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
        return new AnalyticsClient(launcher.port(), "");
    }

    String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.stop();
    }
}
