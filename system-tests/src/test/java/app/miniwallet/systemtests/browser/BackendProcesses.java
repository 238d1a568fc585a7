package app.miniwallet.systemtests.browser;

import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
    private final ServiceLauncher notifierLauncher;
    private volatile ServiceProcess notifier;

    private BackendProcesses(ServiceProcess processor, ServiceLauncher notifierLauncher) {
        this.processor = processor;
        this.notifierLauncher = notifierLauncher;
    }

    static String feedUrl() {
        return "ws://localhost:" + NOTIFIER_PORT + "/ws";
    }

    /** Starts both at once (each takes several seconds to boot) and returns when both are healthy. */
    static BackendProcesses start(URI pageAddress, int smtpPort) {
        var connections = WalletTestStack.shared().connections();
        var processorLauncher = ServiceLauncher.of("transfer-processor", connections)
                .with("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-browser-tests")
                .loggingTo(Path.of("target", "browser-tests-transfer-processor.log"));
        var processor = processorLauncher.start();

        var origin = pageAddress.getScheme() + "://" + pageAddress.getAuthority();
        var notifierLauncher = ServiceLauncher.of("notifier", connections)
                .onPort(NOTIFIER_PORT)
                .mailingTo("localhost", smtpPort)
                .with("WALLET_NOTIFIER_WEB_BASE_URL", origin)
                .with("WALLET_NOTIFIER_ALLOWED_ORIGINS", origin)
                .with("WALLET_NOTIFIER_EMAIL_POLL_INTERVAL", "250ms")
                .loggingTo(Path.of("target", "browser-tests-notifier.log"));

        var services = new BackendProcesses(processor, notifierLauncher);
        try {
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(
                                    () -> processor.awaitHealthy(processorLauncher.healthUrl(), START_TIMEOUT)),
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
        notifier = notifierLauncher.startHealthy(START_TIMEOUT);
    }

    /**
     * Stops the notifier: every browser's feed connection drops at once. Gracefully, so its Kafka consumers leave
     * their group at once; after a kill -9 the next notifier would wait out the dead one's session timeout before
     * it gets the partitions, which is the notifier's own tests' subject, not the page's.
     */
    void stopNotifier() {
        notifier.stop();
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
