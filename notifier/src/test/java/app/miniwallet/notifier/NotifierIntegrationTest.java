package app.miniwallet.notifier;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One notifier on a real port, against the shared Kafka and PostgreSQL and the test SMTP server. All
 * integration tests extend this, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class NotifierIntegrationTest {

    /** Several, so that every test sees senders working side by side. */
    static final int EMAIL_CONNECTIONS = 4;

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void notifierProperties(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** What a notifier instance of these tests runs with; a second instance gets the same. */
    protected static Map<String, String> properties() {
        var properties = new LinkedHashMap<>(WalletTestStack.shared().springProperties());
        properties.put("spring.mail.port", Integer.toString(TestMail.smtpPort()));
        properties.put("wallet.notifier.feed.token-check-interval", "500ms");
        properties.put("wallet.notifier.email.poll-interval", "200ms");
        properties.put("wallet.notifier.email.connections", Integer.toString(EMAIL_CONNECTIONS));
        properties.put("wallet.notifier.email.retry-initial-interval", "200ms");
        properties.put("wallet.notifier.email.retry-max-interval", "1s");
        return properties;
    }

    /**
     * Another notifier instance beside the shared one, on a port of its own, with these tests' properties and the
     * overrides, all as command-line arguments (which win over application.yml as the shared instance's test
     * properties do).
     */
    protected static ConfigurableApplicationContext startAnotherInstance(Map<String, String> overrides) {
        var properties = new LinkedHashMap<>(properties());
        properties.put("server.port", "0");
        properties.putAll(overrides);
        var arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(NotifierApplication.class).run(arguments);
    }
}
