package app.miniwallet.testsupport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * A Kafka node secured as production runs it: clients and brokers speak SASL/SCRAM-SHA-512 over TLS, the controller
 * listener takes only TLS clients holding the broker's certificate, and Kafka's {@code StandardAuthorizer} refuses
 * whatever no ACL allows. Only the broker and {@link #ADMIN} are super users, and their SCRAM credentials are written
 * when the storage is formatted; every other principal is created and granted through the admin, as an operator
 * would.
 *
 * @param keyStore the broker's key and self-signed certificate ({@code CN=broker}, for {@code localhost}), PKCS12
 * @param trustStore that certificate, for clients, PKCS12
 * @param storePassword the password of both stores
 * @param brokerPassword the SCRAM password of the inter-broker principal {@code broker}
 * @param adminPassword the SCRAM password of {@link #ADMIN}
 */
public record KafkaSecurity(
        Path keyStore, Path trustStore, String storePassword, String brokerPassword, String adminPassword) {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String BROKER = "broker";
    private static final String CLIENT_LISTENER = "SASL_SSL";

    /** A fresh certificate and fresh passwords in {@code directory}, made with the JDK's {@code keytool}. */
    public static KafkaSecurity generate(Path directory) {
        var security = new KafkaSecurity(
                directory.resolve("broker.p12"), directory.resolve("truststore.p12"), secret(), secret(), secret());
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(security.keyStore);
            Files.deleteIfExists(security.trustStore);
            var certificate = directory.resolve("broker.pem");
            keytool(
                    "-genkeypair",
                    "-alias",
                    BROKER,
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "7",
                    "-dname",
                    "CN=" + BROKER,
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    security.keyStore.toString(),
                    "-storepass",
                    security.storePassword);
            keytool(
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    BROKER,
                    "-keystore",
                    security.keyStore.toString(),
                    "-storepass",
                    security.storePassword,
                    "-file",
                    certificate.toString());
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    BROKER,
                    "-file",
                    certificate.toString(),
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    security.trustStore.toString(),
                    "-storepass",
                    security.storePassword);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the Kafka key and trust stores in " + directory, e);
        }
        return security;
    }

    /** The settings {@link KafkaNode#configuration} gets on top, for a node of this security. */
    Properties brokerConfiguration(KafkaNode node) {
        var properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry(
                        "listeners",
                        CLIENT_LISTENER + "://localhost:" + node.port() + "," + KafkaNode.CONTROLLER_LISTENER
                                + "://localhost:" + node.controllerPort()),
                Map.entry("advertised.listeners", CLIENT_LISTENER + "://localhost:" + node.port()),
                Map.entry(
                        "listener.security.protocol.map",
                        CLIENT_LISTENER + ":SASL_SSL," + KafkaNode.CONTROLLER_LISTENER + ":SSL"),
                Map.entry("inter.broker.listener.name", CLIENT_LISTENER),
                Map.entry("sasl.enabled.mechanisms", MECHANISM),
                Map.entry("sasl.mechanism.inter.broker.protocol", MECHANISM),
                Map.entry(
                        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        jaasConfiguration(BROKER, brokerPassword)),
                // SCRAM cannot authenticate to a KRaft controller: brokers prove themselves there by certificate
                Map.entry("listener.name.controller.ssl.client.auth", "required"),
                Map.entry("ssl.keystore.type", "PKCS12"),
                Map.entry("ssl.keystore.location", keyStore.toString()),
                Map.entry("ssl.keystore.password", storePassword),
                Map.entry("ssl.key.password", storePassword),
                Map.entry("ssl.truststore.type", "PKCS12"),
                Map.entry("ssl.truststore.location", trustStore.toString()),
                Map.entry("ssl.truststore.password", storePassword),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("super.users", "User:CN=" + BROKER + ";User:" + BROKER + ";User:" + ADMIN)));
        return properties;
    }

    /** The SCRAM credentials {@code kafka-storage format --add-scram} writes: the broker's and the admin's. */
    List<String> scramArguments() {
        return List.of(
                MECHANISM + "=[name=" + BROKER + ",password=" + brokerPassword + "]",
                MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]");
    }

    /** What a Kafka client of principal {@code user} sets, as Kafka properties. */
    public Map<String, Object> clientConfiguration(String user, String password) {
        var configuration = new LinkedHashMap<String, Object>();
        configuration.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        configuration.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        configuration.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfiguration(user, password));
        configuration.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        configuration.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.toString());
        configuration.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        return configuration;
    }

    public Map<String, Object> adminClientConfiguration() {
        return clientConfiguration(ADMIN, adminPassword);
    }

    /**
     * What a wallet service of principal {@code user} is told through its environment: Spring Boot's Kafka
     * properties, exactly as the README shows them for a production cluster.
     */
    public Map<String, String> serviceEnvironment(String user, String password) {
        var environment = new LinkedHashMap<String, String>();
        environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", MECHANISM);
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaasConfiguration(user, password));
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:" + trustStore.toAbsolutePath());
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", storePassword);
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PKCS12");
        return environment;
    }

    private static String jaasConfiguration(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static void keytool(String... arguments) throws IOException {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
