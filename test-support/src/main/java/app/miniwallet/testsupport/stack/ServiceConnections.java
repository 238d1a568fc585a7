package app.miniwallet.testsupport.stack;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every wallet service is told about its surroundings, through its environment, the way a deployment tells it:
 * where Kafka and PostgreSQL are, the secret access tokens are signed with, the key that encrypts the events' secret
 * fields ({@code id:base64}), and the operator's password (HTTP Basic, user {@code operator}) for the actuator and the
 * processor's admin API; and that top-ups are credited at once.
 */
public record ServiceConnections(
        String kafkaBootstrapServers,
        String jdbcUrl,
        String databaseUser,
        String databasePassword,
        String jwtSecret,
        String eventEncryptionKey,
        String operatorPassword) {

    /** A new random event encryption key, {@code id:base64} of 32 bytes, for a stack of its own. */
    public static String randomEventEncryptionKey(String id) {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return id + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    /** The {@code Authorization} header that carries the operator's credential. */
    public String operatorAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString(("operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8));
    }

    Map<String, String> environment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
        environment.put("SPRING_DATASOURCE_USERNAME", databaseUser);
        environment.put("SPRING_DATASOURCE_PASSWORD", databasePassword);
        environment.put("WALLET_AUTH_JWT_SECRET", jwtSecret);
        environment.put("WALLET_EVENT_ENCRYPTION_CURRENT_KEY", eventEncryptionKey);
        environment.put("WALLET_OPERATOR_PASSWORD", operatorPassword);
        // the test and bench stacks fund their people by top-ups credited at once, not through a payment provider
        // (the default outside the dev profile); a launcher's own setting of it comes later and wins
        environment.put("WALLET_TOP_UPS_MODE", "instant");
        return environment;
    }
}
