package app.miniwallet.processor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The processor's {@code wallet.processor.instance-id} when none is set: "transfer-processor-", the host name and the
 * server port, named once at start and the same at every restart in the same slot (pod, or machine and port), so a
 * restarted processor takes back its static group membership and fences its predecessor's open transaction at once. A
 * random id would do neither: the group would wait for the old member's session to expire, and read_committed readers
 * for its transaction to time out. The port tells two processors on one host apart; with {@code server.port=0} it
 * cannot, so they need {@code WALLET_PROCESSOR_INSTANCE_ID}, which always wins over this default.
 */
class DefaultInstanceId implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "wallet.processor.instance-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PROPERTY)) {
            // set explicitly: no need to ask the network for the host name
            return;
        }
        var port = environment.getProperty("server.port", "8080");
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "processorDefaultInstanceId",
                        Map.of(PROPERTY, "transfer-processor-" + hostName() + "-" + port)));
    }

    /** After the configuration files are read, so that their {@code server.port} counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The host name as the JVM sees it, else as the shell sets it (in a container, the pod's name). */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            var hostName = System.getenv("HOSTNAME");
            if (hostName == null || hostName.isBlank()) {
                throw new IllegalStateException(
                        "This processor's host has no name to make its instance id of; set WALLET_PROCESSOR_INSTANCE_ID",
                        e);
            }
            return hostName;
        }
    }
}
