package app.miniwallet.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Where the dev stack keeps its data and which ports it listens on. Every port has a default and an environment
 * variable that overrides it; {@code DEVSTACK_HOME} moves the data directory. In cluster mode ({@code ./run
 * --cluster}) there are three Kafka nodes, on the Kafka ports and the next but one and the one after that (9092,
 * 9094, 9096; controllers 9093, 9095, 9097), and a second processor, notifier and analytics instance; its data
 * lives apart, in {@code cluster/} under the default home. Every service, PostgreSQL and the mail catcher listen on
 * {@code 127.0.0.1} only, unless {@code WALLET_BIND_ADDRESS} names another address (such as {@code 0.0.0.0}); Kafka
 * always listens on localhost, the address it gives its clients.
 *
 * <p>{@code WALLET_TOP_UPS=provider} lets top-ups wait for a payment, as outside the dev profile: the stack then runs
 * a fake payment provider on {@code PAYMENT_PROVIDER_PORT}, whose checkout page pays or declines with a click.
 */
record DevStackSettings(
        Path home,
        boolean cluster,
        int apiPort,
        int processorPort,
        int secondProcessorPort,
        int notifierPort,
        int secondNotifierPort,
        int analyticsPort,
        int secondAnalyticsPort,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int smtpPort,
        int imapPort,
        int mailWebPort,
        TopUps topUps,
        int paymentProviderPort,
        String bindAddress) {

    static final String HOME_VARIABLE = "DEVSTACK_HOME";
    static final String TOP_UPS_VARIABLE = "WALLET_TOP_UPS";

    /**
     * How the api credits top-ups: {@code instant}, at once (the dev profile's own default), or {@code provider}, once
     * the stack's fake payment provider says they were paid.
     */
    enum TopUps {
        INSTANT,
        PROVIDER
    }

    static final String BIND_ADDRESS_VARIABLE = "WALLET_BIND_ADDRESS";

    /** Only this machine can reach the stack unless {@value #BIND_ADDRESS_VARIABLE} says otherwise. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /** A port together with the environment variable that sets it, so every message can say what to change. */
    record PortSetting(String variable, int port) {}

    /** The Kafka nodes of cluster mode, and how far apart their ports are. */
    static final int CLUSTER_NODES = 3;

    static final int CLUSTER_PORT_STEP = 2;

    static DevStackSettings fromEnvironment(Map<String, String> environment, Path defaultHome) {
        return fromEnvironment(environment, defaultHome, false);
    }

    static DevStackSettings fromEnvironment(Map<String, String> environment, Path defaultHome, boolean cluster) {
        var home = environment.containsKey(HOME_VARIABLE)
                ? Path.of(environment.get(HOME_VARIABLE)).toAbsolutePath()
                : cluster ? defaultHome.resolve("cluster") : defaultHome;
        return new DevStackSettings(
                home,
                cluster,
                port(environment, "API_PORT", 8080),
                port(environment, "PROCESSOR_PORT", 8081),
                port(environment, "PROCESSOR_2_PORT", 8083),
                port(environment, "NOTIFIER_PORT", 8082),
                port(environment, "NOTIFIER_2_PORT", 8084),
                port(environment, "ANALYTICS_PORT", 8085),
                port(environment, "ANALYTICS_2_PORT", 8086),
                port(environment, "KAFKA_PORT", 9092),
                port(environment, "KAFKA_CONTROLLER_PORT", 9093),
                port(environment, "POSTGRES_PORT", 5432),
                port(environment, "SMTP_PORT", 3025),
                port(environment, "IMAP_PORT", 3143),
                port(environment, "MAIL_WEB_PORT", 8025),
                topUps(environment),
                port(environment, "PAYMENT_PROVIDER_PORT", 8090),
                bindAddress(environment));
    }

    List<PortSetting> ports() {
        var ports = new ArrayList<PortSetting>();
        ports.add(new PortSetting("API_PORT", apiPort));
        ports.add(new PortSetting("PROCESSOR_PORT", processorPort));
        if (cluster) {
            ports.add(new PortSetting("PROCESSOR_2_PORT", secondProcessorPort));
        }
        ports.add(new PortSetting("NOTIFIER_PORT", notifierPort));
        if (cluster) {
            ports.add(new PortSetting("NOTIFIER_2_PORT", secondNotifierPort));
        }
        ports.add(new PortSetting("ANALYTICS_PORT", analyticsPort));
        if (cluster) {
            ports.add(new PortSetting("ANALYTICS_2_PORT", secondAnalyticsPort));
        }
        kafkaPorts().forEach(port -> ports.add(new PortSetting("KAFKA_PORT", port)));
        kafkaControllerPorts().forEach(port -> ports.add(new PortSetting("KAFKA_CONTROLLER_PORT", port)));
        ports.add(new PortSetting("POSTGRES_PORT", postgresPort));
        ports.add(new PortSetting("SMTP_PORT", smtpPort));
        ports.add(new PortSetting("IMAP_PORT", imapPort));
        ports.add(new PortSetting("MAIL_WEB_PORT", mailWebPort));
        if (topUps == TopUps.PROVIDER) {
            ports.add(new PortSetting("PAYMENT_PROVIDER_PORT", paymentProviderPort));
        }
        return ports;
    }

    /** One Kafka client port per node: the setting itself, and in cluster mode every second port after it. */
    List<Integer> kafkaPorts() {
        return nodePorts(kafkaPort);
    }

    List<Integer> kafkaControllerPorts() {
        return nodePorts(kafkaControllerPort);
    }

    /** Every node's address, which is what each client is given. */
    String kafkaBootstrapServers() {
        return String.join(
                ",", kafkaPorts().stream().map(port -> "localhost:" + port).toList());
    }

    private List<Integer> nodePorts(int first) {
        if (!cluster) {
            return List.of(first);
        }
        var ports = new ArrayList<Integer>();
        for (int node = 0; node < CLUSTER_NODES; node++) {
            ports.add(first + node * CLUSTER_PORT_STEP);
        }
        return ports;
    }

    /**
     * One line for each port the stack cannot use, naming the variable to change; empty when all are usable. Checked
     * before anything starts, so a clash never leaves half a stack running.
     */
    List<String> portProblems(IntPredicate isFree) {
        var problems = new ArrayList<String>();
        var firstUser = new LinkedHashMap<Integer, String>();
        for (var setting : ports()) {
            var earlier = firstUser.putIfAbsent(setting.port(), setting.variable());
            if (earlier != null) {
                problems.add("%s and %s are both %d: give each its own port"
                        .formatted(earlier, setting.variable(), setting.port()));
            } else if (!isFree.test(setting.port())) {
                problems.add("port %d is already in use: set %s to a free port"
                        .formatted(setting.port(), setting.variable()));
            }
        }
        return problems;
    }

    Path kafkaDirectory() {
        return home.resolve("kafka");
    }

    Path postgresDirectory() {
        return home.resolve("postgres");
    }

    Path logDirectory() {
        return home.resolve("logs");
    }

    /** Where an analytics instance keeps its RocksDB stores, one directory each. */
    Path analyticsStateDirectory(String instance) {
        return home.resolve("analytics-state").resolve(instance);
    }

    Path jwtSecretFile() {
        return home.resolve("jwt-secret");
    }

    /** The HMAC key the fake payment provider signs its webhooks with and the api checks them with. */
    Path paymentWebhookSecretFile() {
        return home.resolve("payment-webhook-secret");
    }

    /** The AES-256 key the api encrypts the account emails' tokens with, and the notifier decrypts them with. */
    Path eventEncryptionKeyFile() {
        return home.resolve("event-encryption-key");
    }

    /** The operator's password for every service's actuator and the processors' admin API (user {@code operator}). */
    Path operatorPasswordFile() {
        return home.resolve("operator-password");
    }

    private static TopUps topUps(Map<String, String> environment) {
        var value = environment.get(TOP_UPS_VARIABLE);
        if (value == null || value.isBlank()) {
            return TopUps.INSTANT;
        }
        return switch (value.strip()) {
            case "instant" -> TopUps.INSTANT;
            case "provider" -> TopUps.PROVIDER;
            default ->
                throw new InvalidSettingException(
                        "%s must be instant or provider, but is '%s'".formatted(TOP_UPS_VARIABLE, value));
        };
    }

    private static String bindAddress(Map<String, String> environment) {
        var value = environment.get(BIND_ADDRESS_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_BIND_ADDRESS;
        }
        if (!value.strip().matches("[0-9A-Fa-f.:]+")) {
            throw new InvalidSettingException(BIND_ADDRESS_VARIABLE + " must be an IP address such as "
                    + DEFAULT_BIND_ADDRESS + " or 0.0.0.0, not \"" + value + "\"");
        }
        return value.strip();
    }

    private static int port(Map<String, String> environment, String variable, int defaultPort) {
        var value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            var port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below together with the out-of-range case
        }
        throw new InvalidSettingException(
                "%s must be a TCP port number (1-65535), but is '%s'".formatted(variable, value));
    }

    /** A setting the user gave that cannot work; its message tells what to change. */
    static final class InvalidSettingException extends RuntimeException {
        InvalidSettingException(String message) {
            super(message);
        }
    }
}
