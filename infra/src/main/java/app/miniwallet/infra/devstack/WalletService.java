package app.miniwallet.infra.devstack;

import java.net.URI;
import java.util.List;

/**
 * One service process the dev stack runs, from its module's executable jar on its own port: one of each in the plain
 * stack, two processors and two notifiers in cluster mode.
 *
 * @param name the process's name, for its log and pid files: the module, numbered when there are two
 */
record WalletService(String name, String module, String role, int port) {

    static List<WalletService> all(DevStackSettings settings) {
        var api = new WalletService("api", "api", "REST API and web app", settings.apiPort());
        if (!settings.cluster()) {
            return List.of(
                    api,
                    new WalletService(
                            "transfer-processor", "transfer-processor", "transfer processor", settings.processorPort()),
                    new WalletService("notifier", "notifier", "WebSocket feed and email", settings.notifierPort()));
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
                new WalletService("notifier-2", "notifier", "WebSocket feed and email", settings.secondNotifierPort()));
    }

    URI url() {
        return URI.create("http://localhost:" + port + "/");
    }

    URI healthUrl() {
        return url().resolve("/actuator/health");
    }
}
