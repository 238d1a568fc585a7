package app.miniwallet.notifier.email;

import app.miniwallet.platform.metrics.DatabaseGauges;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The email backlog as gauges: {@code wallet_emails_pending}, the rows in {@code pending_emails} (every instance
 * reports the same table), and {@code wallet_emails_oldest_seconds}, how long the oldest of them has waited since it
 * was taken on. A backlog that only grows, or an oldest email that only ages, says the senders do not keep up or the
 * mail server refuses.
 */
@Configuration(proxyBeanMethods = false)
class EmailBacklogGauges {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Bean
    DatabaseGauges emailBacklog(PendingEmails pending, MeterRegistry registry) {
        return new DatabaseGauges("email-backlog-gauges", INTERVAL, 2, () -> {
                    var backlog = pending.backlog();
                    return new double[] {backlog.emails(), backlog.oldest().toMillis() / 1000.0};
                })
                .gauge(
                        registry,
                        "wallet.emails.pending",
                        "Emails taken on and not yet accepted by the mail server, due or waiting to be retried",
                        0)
                .gauge(
                        registry,
                        "wallet.emails.oldest.seconds",
                        "How long the oldest pending email has waited since it was taken on; 0 when none waits",
                        1);
    }
}
