package app.miniwallet.processor.transfer.jdbc;

import app.miniwallet.processor.transfer.PublishedOffsets;
import app.miniwallet.processor.transfer.TransferBatches;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class TransferJdbcConfiguration {

    /**
     * Declared here because the Kafka transaction manager that Boot adds for the listener container
     * makes Boot's own JDBC transaction manager back off. The listener runs inside the container's
     * Kafka transaction and opens this database transaction within it; the database commits first.
     */
    @Bean
    JdbcTransactionManager databaseTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /** Outside any transaction of the caller: each call is one statement, committed at once. */
    @Bean
    PublishedOffsets publishedOffsets(JdbcClient jdbc) {
        return new JdbcPublishedOffsets(jdbc);
    }

    @Bean
    TransferBatches transferBatches(JdbcClient jdbc, JdbcTransactionManager databaseTransactionManager) {
        return new JdbcTransferBatches(jdbc, new TransactionTemplate(databaseTransactionManager));
    }
}
