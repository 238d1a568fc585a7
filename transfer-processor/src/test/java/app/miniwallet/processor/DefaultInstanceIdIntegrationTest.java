package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The instance id a processor gets when nobody sets {@code WALLET_PROCESSOR_INSTANCE_ID}: the processor's environment
 * loaded as Boot loads it (its application.yml, the environment post-processors), without the rest of the processor.
 * The other processor tests set an id of their own.
 */
class DefaultInstanceIdIntegrationTest {

    private static final String INSTANCE_ID = "wallet.processor.instance-id";

    @Test
    void isTheSameOnEveryResolutionAndEveryStartOfTheSameSlot() throws Exception {
        try (var first = startEnvironment("--server.port=18081");
                var restarted = startEnvironment("--server.port=18081")) {
            var id = first.getEnvironment().getProperty(INSTANCE_ID);

            assertThat(first.getEnvironment().getProperty(INSTANCE_ID)).isEqualTo(id);
            assertThat(restarted.getEnvironment().getProperty(INSTANCE_ID)).isEqualTo(id);
            assertThat(id).isEqualTo("transfer-processor-" + hostName() + "-18081");
        }
    }

    @Test
    void feedsTheSameIdToTheStaticMembershipAndTheTransactionalId() {
        try (var processor = startEnvironment("--server.port=18081")) {
            var environment = processor.getEnvironment();
            var id = environment.getProperty(INSTANCE_ID);

            assertThat(environment.getProperty("spring.kafka.consumer.properties.group.instance.id"))
                    .isEqualTo(id);
            assertThat(environment.getProperty("spring.kafka.producer.transaction-id-prefix"))
                    .isEqualTo(id + "-");
        }
    }

    @Test
    void takesThePortTheProcessorIsConfiguredWith() throws Exception {
        try (var processor = startEnvironment()) {
            var environment = processor.getEnvironment();

            // application.yml's 8081, unless SERVER_PORT says otherwise where the test runs
            assertThat(environment.getProperty(INSTANCE_ID))
                    .isEqualTo("transfer-processor-" + hostName() + "-" + environment.getProperty("server.port"));
        }
    }

    @Test
    void anInstanceIdSetExplicitlyWins() {
        try (var processor = startEnvironment("--wallet.processor.instance-id=transfer-processor-slot-7")) {
            assertThat(processor.getEnvironment().getProperty(INSTANCE_ID)).isEqualTo("transfer-processor-slot-7");
        }
    }

    /** The processor's environment, as {@code java -jar} with these arguments would load it, in an empty context. */
    private static ConfigurableApplicationContext startEnvironment(String... arguments) {
        var application = new SpringApplication(NothingElse.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        return application.run(arguments);
    }

    private static String hostName() throws UnknownHostException {
        return InetAddress.getLocalHost().getHostName();
    }

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {}
}
