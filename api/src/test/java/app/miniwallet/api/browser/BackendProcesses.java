package app.miniwallet.api.browser;

import app.miniwallet.api.WalletTestStackInitializer;
import app.miniwallet.infra.net.FreePort;
import app.miniwallet.infra.process.ServiceProcess;
import app.miniwallet.infra.test.WalletTestStack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The services behind the page, each as its own process as in production: the transfer-processor, which applies
 * the transfers, and the notifier, which pushes each result to the browsers and sends the email. The notifier's
 * port is chosen up front because the api tells the page where the feed is before the notifier can start: the
 * notifier needs the api's own (random) address for its allowed origins and its email links.
 */
final class BackendProcesses implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Chosen once per test JVM, so the api's context (which holds the feed address) is made once. */
    static final int NOTIFIER_PORT = FreePort.find();

    private final ServiceProcess processor;
    private final Map<String, String> notifierEnvironment;
    private volatile ServiceProcess notifier;

    private BackendProcesses(ServiceProcess processor, Map<String, String> notifierEnvironment) {
        this.processor = processor;
        this.notifierEnvironment = notifierEnvironment;
    }

    static String feedUrl() {
        return "ws://localhost:" + NOTIFIER_PORT + "/ws";
    }

    /** Starts both at once (each takes several seconds to boot) and returns when both are healthy. */
    static BackendProcesses start(URI pageAddress, int smtpPort) {
        var processorPort = FreePort.find();
        var processorEnvironment = common();
        processorEnvironment.put("SERVER_PORT", Integer.toString(processorPort));
        processorEnvironment.put("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-browser-tests");
        var processor = ServiceProcess.start(
                "transfer-processor",
                ServiceProcess.executableJar("transfer-processor"),
                processorEnvironment,
                Path.of("target", "browser-tests-transfer-processor.log"));

        var origin = pageAddress.getScheme() + "://" + pageAddress.getAuthority();
        var notifierEnvironment = common();
        notifierEnvironment.put("SERVER_PORT", Integer.toString(NOTIFIER_PORT));
        notifierEnvironment.put("WALLET_AUTH_JWT_SECRET", WalletTestStackInitializer.JWT_SECRET);
        notifierEnvironment.put("SPRING_MAIL_HOST", "localhost");
        notifierEnvironment.put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
        notifierEnvironment.put("WALLET_NOTIFIER_WEB_BASE_URL", origin);
        notifierEnvironment.put("WALLET_NOTIFIER_ALLOWED_ORIGINS", origin);
        notifierEnvironment.put("WALLET_NOTIFIER_EMAIL_POLL_INTERVAL", "250ms");

        var services = new BackendProcesses(processor, notifierEnvironment);
        try {
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(
                                    () -> processor.awaitHealthy(health(processorPort), START_TIMEOUT)),
                            CompletableFuture.runAsync(services::startNotifier))
                    .join();
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    /** Starts the notifier on its port (again, after {@link #stopNotifier()}) and returns once it is healthy. */
    void startNotifier() {
        notifier = ServiceProcess.start(
                "notifier",
                ServiceProcess.executableJar("notifier"),
                notifierEnvironment,
                Path.of("target", "browser-tests-notifier.log"));
        notifier.awaitHealthy(health(NOTIFIER_PORT), START_TIMEOUT);
    }

    /**
     * Stops the notifier: every browser's feed connection drops at once. Gracefully, so its Kafka consumers leave
     * their group at once; after a kill -9 the next notifier would wait out the dead one's session timeout before
     * it gets the partitions, which is the notifier's own tests' subject, not the page's.
     */
    void stopNotifier() {
        notifier.stop();
    }

    private static Map<String, String> common() {
        return new HashMap<>(WalletTestStack.shared().environment());
    }

    private static URI health(int port) {
        return URI.create("http://localhost:" + port + "/actuator/health");
    }

    @Override
    public void close() {
        // together: each takes a moment to shut down gracefully
        var running = notifier;
        var notifierStopped =
                running == null ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(running::stop);
        processor.stop();
        notifierStopped.join();
    }
}
