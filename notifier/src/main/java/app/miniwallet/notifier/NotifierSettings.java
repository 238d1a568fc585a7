package app.miniwallet.notifier;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param webBaseUrl where the web page is served; the links in account emails point there
 * @param allowedOrigins the origins whose pages may open the WebSocket feed
 * @param feed the live feed
 * @param email email receipts and account emails
 * @param wakeUpCheckInterval how often the PostgreSQL LISTEN connection is checked with a query, so a
 *     dead connection is noticed and replaced
 */
@ConfigurationProperties("wallet.notifier")
public record NotifierSettings(
        URI webBaseUrl, List<String> allowedOrigins, Feed feed, Email email, Duration wakeUpCheckInterval) {

    /**
     * @param history messages kept per user for resuming; older ones are deleted as new ones arrive
     * @param concurrency consumers of the transfer events per instance
     * @param maxSubscriptionsPerSession a session may subscribe to its feed this many times at once
     * @param tokenCheckInterval how often every connected session's token is checked again, so that a
     *     signed-out, password-reset or expired token loses the feed within this time
     * @param heartbeat the STOMP heart-beat the server offers and asks for
     */
    public record Feed(
            int history,
            int concurrency,
            int maxSubscriptionsPerSession,
            Duration tokenCheckInterval,
            Duration heartbeat) {}

    /**
     * @param from the sender of every email, e.g. {@code Mini Wallet <no-reply@miniwallet.local>}
     * @param concurrency consumers of the transfer and user events per instance
     * @param batchSize emails handed to SMTP over one connection, in one transaction
     * @param connections SMTP connections each instance sends over at once, each by a sender thread of its own that
     *     takes its own batches; each holds a database connection while its batch is with SMTP, so it must stay
     *     below the pool's size
     * @param retryInitialInterval the wait after the first failed attempt; it doubles with each failure
     * @param retryMaxInterval the longest wait between attempts; an email is never given up
     * @param pollInterval how often the sender looks for due emails without being woken
     * @param maxPerSecond the most emails one instance hands to SMTP a second, all its connections together; 0 for no
     *     limit
     */
    public record Email(
            String from,
            int concurrency,
            int batchSize,
            int connections,
            Duration retryInitialInterval,
            Duration retryMaxInterval,
            Duration pollInterval,
            int maxPerSecond) {

        public Email {
            if (connections < 1) {
                throw new IllegalArgumentException(
                        "wallet.notifier.email.connections must be at least 1, was " + connections);
            }
            if (maxPerSecond < 0) {
                throw new IllegalArgumentException(
                        "wallet.notifier.email.max-per-second must be 0 (no limit) or more, was " + maxPerSecond);
            }
        }
    }
}
