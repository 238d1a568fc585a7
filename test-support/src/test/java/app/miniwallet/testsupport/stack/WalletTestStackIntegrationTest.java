package app.miniwallet.testsupport.stack;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class WalletTestStackIntegrationTest {

    private final WalletTestStack stack = WalletTestStack.shared();

    @Test
    void startsABrokerWithTheWalletTopics() throws Exception {
        try (var admin =
                AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            var topics = admin.describeTopics(java.util.List.of(Topics.TRANSFER_REQUESTS))
                    .allTopicNames()
                    .get();
            assertThat(topics.get(Topics.TRANSFER_REQUESTS).partitions()).hasSize(WalletTestStack.PARTITIONS);
        }
    }

    @Test
    void startsPostgresWithTheWalletDatabase() throws Exception {
        try (var connection = stack.dataSource().getConnection();
                var result = connection.createStatement().executeQuery("select current_user, version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("wallet");
            assertThat(result.getString(2)).contains("PostgreSQL 18");
        }
    }

    @Test
    void tellsAServiceProcessWhereEverythingIsTheWaySpringReadsIt() {
        assertThat(stack.connections().environment())
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers())
                .containsEntry("SPRING_DATASOURCE_URL", stack.jdbcUrl())
                .containsEntry("SPRING_DATASOURCE_USERNAME", "wallet")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "wallet")
                .containsEntry("WALLET_AUTH_JWT_SECRET", WalletTestStack.JWT_SECRET)
                .containsEntry("WALLET_EVENT_ENCRYPTION_CURRENT_KEY", WalletTestStack.EVENT_ENCRYPTION_KEY)
                .containsEntry("WALLET_OPERATOR_PASSWORD", WalletTestStack.OPERATOR_PASSWORD);
    }
}
