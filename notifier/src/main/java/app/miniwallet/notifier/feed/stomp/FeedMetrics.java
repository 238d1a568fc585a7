package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.notifier.feed.FeedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the feed delivers: {@code wallet_feed_messages_total} (messages handed to connected clients, resumed ones
 * included), {@code wallet_feed_delivery_seconds} (from the transfer's decision to the message's push, for messages
 * pushed live: a client resuming after an hour away would otherwise count as an hour's delay) and
 * {@code wallet_feed_sessions} (STOMP sessions connected to this instance).
 */
@Component
class FeedMetrics {

    private final MeterRegistry registry;
    private final Counter messages;
    private final Timer delivery;

    FeedMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.messages = Counter.builder("wallet.feed.messages")
                .description("Feed messages handed to connected STOMP clients")
                .register(registry);
        this.delivery = Timer.builder("wallet.feed.delivery")
                .description("From a transfer's decision to its feed message's push to a connected client (live only)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    /** Shows the number of sessions in the map as {@code wallet_feed_sessions}. */
    void countSessions(Map<String, ?> sessions) {
        Gauge.builder("wallet.feed.sessions", sessions, Map::size)
                .description("STOMP feed sessions connected to this instance")
                .register(registry);
    }

    void pushed(FeedMessage message, boolean live) {
        messages.increment();
        if (live) {
            delivery.record(Duration.between(message.entry().occurredAt(), Instant.now()));
        }
    }
}
