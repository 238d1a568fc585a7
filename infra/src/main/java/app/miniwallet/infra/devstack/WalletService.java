package app.miniwallet.infra.devstack;

import java.net.URI;
import java.util.List;

/** One of the three services the dev stack runs, each from its module's executable jar on its own port. */
record WalletService(String module, String role, int port) {

    static List<WalletService> all(DevStackSettings settings) {
        return List.of(
                new WalletService("api", "REST API and web app", settings.apiPort()),
                new WalletService("transfer-processor", "transfer processor", settings.processorPort()),
                new WalletService("notifier", "WebSocket feed and email", settings.notifierPort()));
    }

    URI url() {
        return URI.create("http://localhost:" + port + "/");
    }

    URI healthUrl() {
        return url().resolve("/actuator/health");
    }
}
