package app.miniwallet.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the web page needs to know that only the deployment knows: where the live feed is. */
@RestController
class PageConfigController {

    /** @param feedUrl the notifier's STOMP endpoint as a browser reaches it (WALLET_WEB_FEED_URL) */
    @ConfigurationProperties("wallet.web")
    record PageSettings(@DefaultValue("ws://localhost:8082/ws") String feedUrl) {}

    private final PageSettings settings;

    PageConfigController(PageSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/config")
    PageSettings config() {
        return settings;
    }
}
