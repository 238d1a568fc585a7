package app.miniwallet.api;

import app.miniwallet.infra.test.WalletTestStack;
import java.util.HashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the api at the shared test stack. */
public class WalletTestStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String JWT_SECRET = "test-secret-for-access-tokens-0123456789";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var properties = new HashMap<String, Object>(WalletTestStack.shared().springProperties());
        properties.put("wallet.auth.jwt-secret", JWT_SECRET);
        properties.put("wallet.outbox.poll-interval", "200ms");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("wallet-test-stack", properties));
    }
}
