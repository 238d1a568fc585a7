package app.miniwallet.testsupport.stack;

import java.util.HashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a service's test context at the JVM's shared {@link WalletTestStack}. */
public class WalletTestStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "wallet-test-stack",
                        new HashMap<>(WalletTestStack.shared().springProperties())));
    }
}
