package app.miniwallet.processor;

import app.miniwallet.testsupport.stack.WalletTestStack;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ProducerPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes and fixtures that every integration test context carries; they change nothing until a test uses them.
 */
@TestConfiguration(proxyBeanMethods = false)
class ProcessorTestConfiguration {

    @Bean
    CommitFaults commitFaults(@Value("${spring.kafka.producer.transaction-id-prefix}") String transactionalIdPrefix) {
        return new CommitFaults(WalletTestStack.shared().kafkaBootstrapServers(), transactionalIdPrefix);
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer injectCommitFaults(CommitFaults faults) {
        return factory -> factory.addPostProcessor(faultsFor(faults));
    }

    /** Boot hands this to the listener container factory. */
    @Bean
    BatchesSeen batchesSeen() {
        return new BatchesSeen();
    }

    /** One for the context's test classes; its relay producer closes with the context. */
    @Bean
    ProcessorFixtures processorFixtures(DataSource dataSource, JsonMapper json) {
        return new ProcessorFixtures(dataSource, json, WalletTestStack.shared().kafkaBootstrapServers());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ProducerPostProcessor faultsFor(CommitFaults faults) {
        return (ProducerPostProcessor) producer -> faults.wrap((Producer) producer);
    }
}
