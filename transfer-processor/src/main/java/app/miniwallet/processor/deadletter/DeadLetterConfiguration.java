package app.miniwallet.processor.deadletter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** In the database's transactions: the Kafka transaction manager is the listener container's alone. */
    @Bean
    DeadLetters deadLetters(
            DeadLetterTopic topic,
            TransferRequestsCopies copies,
            Redrives redrives,
            JdbcTransactionManager databaseTransactionManager) {
        return new DeadLetters(topic, copies, redrives, new TransactionTemplate(databaseTransactionManager));
    }
}
