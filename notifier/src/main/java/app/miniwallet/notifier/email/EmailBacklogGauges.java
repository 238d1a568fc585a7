package app.miniwallet.notifier.email;

import app.miniwallet.notifier.email.PendingEmails.Backlog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The email backlog as gauges: {@code wallet.emails.pending}, the rows in {@code pending_emails} (every instance
 * reports the same table), and {@code wallet.emails.oldest} in seconds, how long the oldest of them has waited since it
 * was taken on. A backlog that only grows, or an oldest email that only ages, says the senders do not keep up or the
 * mail server refuses.
 *
 * <p>Both are read with one query, at most once a second however often and by however many the metrics are scraped.
 * While the database cannot be read they are NaN, so a scrape shows the gap rather than an old figure.
 */
@Component
class EmailBacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(EmailBacklogGauges.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final double UNKNOWN = Double.NaN;

    private final PendingEmails pending;
    private Backlog lastRead;
    private long lastReadAt;

    EmailBacklogGauges(PendingEmails pending, MeterRegistry meters) {
        this.pending = pending;
        Gauge.builder("wallet.emails.pending", this, gauges -> gauges.read(backlog -> backlog.emails()))
                .description("Emails taken on and not yet accepted by the mail server, due or waiting to be retried")
                .register(meters);
        Gauge.builder(
                        "wallet.emails.oldest",
                        this,
                        gauges -> gauges.read(backlog -> backlog.oldest().toMillis() / 1000.0))
                .description("How long the oldest pending email has waited since it was taken on; 0 when none waits")
                .baseUnit("seconds")
                .register(meters);
    }

    private synchronized double read(ToDoubleFunction<Backlog> figure) {
        var now = System.nanoTime();
        if (lastRead == null || now - lastReadAt > FRESH_FOR.toNanos()) {
            try {
                lastRead = pending.backlog();
            } catch (DataAccessException e) {
                log.debug("Could not read the email backlog", e);
                lastRead = null;
                return UNKNOWN;
            }
            lastReadAt = now;
        }
        return figure.applyAsDouble(lastRead);
    }
}
