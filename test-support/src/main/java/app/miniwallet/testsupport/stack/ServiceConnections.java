package app.miniwallet.testsupport.stack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every wallet service is told about its surroundings, through its environment, the way a deployment tells it:
 * where Kafka and PostgreSQL are, the secret access tokens are signed with, and the key that encrypts the events'
 * secret fields ({@code id:base64}).
 */
public record ServiceConnections(
        String kafkaBootstrapServers,
        String jdbcUrl,
        String databaseUser,
        String databasePassword,
        String jwtSecret,
        String eventEncryptionKey) {

    /** A new random event encryption key, {@code id:base64} of 32 bytes, for a stack of its own. */
    public static String randomEventEncryptionKey(String id) {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return id + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    Map<String, String> environment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
        environment.put("SPRING_DATASOURCE_USERNAME", databaseUser);
        environment.put("SPRING_DATASOURCE_PASSWORD", databasePassword);
        environment.put("WALLET_AUTH_JWT_SECRET", jwtSecret);
        environment.put("WALLET_EVENT_ENCRYPTION_CURRENT_KEY", eventEncryptionKey);
        return environment;
    }
}
