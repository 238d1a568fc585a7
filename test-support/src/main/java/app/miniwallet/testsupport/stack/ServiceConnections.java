package app.miniwallet.testsupport.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every wallet service is told about its surroundings, through its environment, the way a deployment tells it:
 * where Kafka and PostgreSQL are, and the secret access tokens are signed with.
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
        return environment;
    }
}
