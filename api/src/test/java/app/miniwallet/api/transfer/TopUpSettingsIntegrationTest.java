package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.miniwallet.api.ApiApplication;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;

/** Outside the dev profile the api takes money only through the payment provider, so it needs the webhook secret. */
class TopUpSettingsIntegrationTest {

    @Test
    void refusesToStartWithoutAWebhookSecret() {
        assertThatThrownBy(() -> start(Map.of("wallet.top-ups.provider.checkout-url", "https://pay.example.test/")))
                .hasStackTraceContaining("WALLET_TOP_UPS_PROVIDER_WEBHOOK_SECRET");
    }

    @Test
    void refusesToStartWithAWebhookSecretShorterThan32Bytes() {
        assertThatThrownBy(() -> start(Map.of(
                        "wallet.top-ups.provider.checkout-url",
                        "https://pay.example.test/",
                        "wallet.top-ups.provider.webhook-secret",
                        "x".repeat(31))))
                .hasStackTraceContaining("WALLET_TOP_UPS_PROVIDER_WEBHOOK_SECRET");
    }

    private static void start(Map<String, String> settings) {
        var properties = new HashMap<String, Object>(WalletTestStack.shared().springProperties());
        properties.put("server.port", "0");
        properties.putAll(settings);
        new SpringApplicationBuilder(ApiApplication.class)
                // above application.yml, as a deployment's environment would be
                .initializers(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("deployment", properties)))
                .run()
                .close();
    }
}
