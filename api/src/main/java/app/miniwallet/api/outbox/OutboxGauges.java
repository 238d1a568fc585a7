package app.miniwallet.api.outbox;

import app.miniwallet.platform.metrics.DatabaseGauges;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the relay is behind: {@code wallet_outbox_backlog}, the rows not yet published, and
 * {@code wallet_outbox_oldest_seconds}, the age of the oldest (0 when there is none). Every instance reports the
 * same table, so dashboards take the maximum over instances.
 */
@Configuration(proxyBeanMethods = false)
class OutboxGauges {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Bean
    DatabaseGauges outboxBacklog(JdbcClient jdbc, MeterRegistry registry) {
        return new DatabaseGauges("outbox-gauges", INTERVAL, 2, () -> jdbc.sql(
                                """
                                select (select count(*) from outbox),
                                       coalesce(extract(epoch from clock_timestamp()
                                               - (select created_at from outbox order by id limit 1)), 0)""")
                        .query((row, n) -> new double[] {row.getLong(1), row.getDouble(2)})
                        .single())
                .gauge(registry, "wallet.outbox.backlog", "Outbox rows not yet published to Kafka", 0)
                .gauge(registry, "wallet.outbox.oldest.seconds", "Age of the oldest outbox row not yet published", 1);
    }
}
