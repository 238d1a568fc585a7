package app.miniwallet.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param applicationId the Kafka Streams application id: the consumer group, the prefix of the internal topics and
 *     the state directory's name. A new id reads {@code wallet.transfer-events} again from the beginning
 * @param standbyReplicas warm copies of the state kept by other instances ({@code num.standby.replicas})
 * @param token the bearer credential the API asks for; empty for none (the dev stack binds to 127.0.0.1)
 * @param advertisedHost the host other instances reach this one's API at; with {@code server.port} it is the Kafka
 *     Streams {@code application.server}, through which an instance that does not hold the figures finds the one that
 *     does and forwards the request there
 * @param topWindow how far back the top senders and receivers look
 * @param topSize how many users a top list shows
 * @param longestMinutesRange the longest {@code from}–{@code to} range of one per-minute query
 */
@ConfigurationProperties("wallet.analytics")
public record AnalyticsSettings(
        String applicationId,
        int standbyReplicas,
        String token,
        String advertisedHost,
        Duration topWindow,
        int topSize,
        Duration longestMinutesRange) {

    public AnalyticsSettings {
        if (topWindow.toMinutes() < 1 || topSize < 1 || longestMinutesRange.toMinutes() < 1) {
            throw new IllegalArgumentException(
                    "wallet.analytics.top-window and longest-minutes-range must be at least a"
                            + " minute and top-size at least 1, were " + topWindow + ", " + longestMinutesRange
                            + " and "
                            + topSize);
        }
        token = token == null ? "" : token.strip();
    }

    public boolean requiresToken() {
        return !token.isEmpty();
    }
}
