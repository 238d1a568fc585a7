package app.miniwallet.processor;

import app.miniwallet.infra.test.WalletTestStack;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the processor at the JVM's shared test broker and database. */
class WalletTestStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(WalletTestStack.shared().springProperties()).applyTo(context);
    }
}
