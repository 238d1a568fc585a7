package app.miniwallet.testsupport.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every wallet service is told about its surroundings, through its environment, the way a deployment tells it:
 * where Kafka and PostgreSQL are, and the secret access tokens are signed with; and that top-ups are credited at once.
 */
public record ServiceConnections(
        String kafkaBootstrapServers, String jdbcUrl, String databaseUser, String databasePassword, String jwtSecret) {

    Map<String, String> environment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
        environment.put("SPRING_DATASOURCE_USERNAME", databaseUser);
        environment.put("SPRING_DATASOURCE_PASSWORD", databasePassword);
        environment.put("WALLET_AUTH_JWT_SECRET", jwtSecret);
        // the test and bench stacks fund their people by top-ups credited at once, not through a payment provider
        // (the default outside the dev profile); a launcher's own setting of it comes later and wins
        environment.put("WALLET_TOP_UPS_MODE", "instant");
        return environment;
    }
}
