package app.miniwallet.devstack;

import java.net.URI;
import java.util.List;

/**
 * One service process the dev stack runs, from its module's executable jar on its own port: one of each in the plain
 * stack, two processors, two notifiers and two analytics instances in cluster mode.
 *
 * @param name the process's name, for its log and pid files: the module, numbered when there are two
 */
record WalletService(String name, String module, String role, int port) {

    private static final String ANALYTICS_ROLE = "analytics for the data team (this machine only)";

    static List<WalletService> all(DevStackSettings settings) {
        var api = new WalletService("api", "api", "REST API and web app", settings.apiPort());
        if (!settings.cluster()) {
            return List.of(
                    api,
                    new WalletService(
                            "transfer-processor", "transfer-processor", "transfer processor", settings.processorPort()),
                    new WalletService("notifier", "notifier", "WebSocket feed and email", settings.notifierPort()),
                    new WalletService("analytics", "analytics", ANALYTICS_ROLE, settings.analyticsPort()));
        }
        return List.of(
                api,
                new WalletService(
                        "transfer-processor-1", "transfer-processor", "transfer processor", settings.processorPort()),
                new WalletService(
                        "transfer-processor-2",
                        "transfer-processor",
                        "transfer processor",
                        settings.secondProcessorPort()),
                new WalletService("notifier-1", "notifier", "WebSocket feed and email", settings.notifierPort()),
                new WalletService("notifier-2", "notifier", "WebSocket feed and email", settings.secondNotifierPort()),
                new WalletService("analytics-1", "analytics", ANALYTICS_ROLE, settings.analyticsPort()),
                new WalletService("analytics-2", "analytics", ANALYTICS_ROLE, settings.secondAnalyticsPort()));
    }

    boolean isApi() {
        return module.equals("api");
    }

    boolean isProcessor() {
        return module.equals("transfer-processor");
    }

    boolean isAnalytics() {
        return module.equals("analytics");
    }

    URI url() {
        return URI.create("http://localhost:" + port + "/");
    }

    URI healthUrl() {
        return url().resolve("/actuator/health");
    }
}
