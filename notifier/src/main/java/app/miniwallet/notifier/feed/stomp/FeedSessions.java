package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.notifier.feed.FeedStore;
import app.miniwallet.notifier.postgres.WakeUpHandler;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * The feed subscriptions of the sessions connected to this instance. A NOTIFY from the feed store
 * (from whichever instance stored the message) makes each subscription of that user catch up; a
 * subscription that starts catches up from its {@code last-seq}. Tokens are checked again now and
 * then, so a session whose user signed out loses the feed.
 */
@Component
class FeedSessions implements WakeUpHandler, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedSessions.class);

    static final String ALREADY_CONNECTED = "this session is already connected: send CONNECT once";

    private static final Duration CATCH_UP_RETRY = Duration.ofSeconds(1);

    /** Catch-ups run here: each is a short query plus frames handed to the outbound channel. */
    private static final int DELIVERY_THREADS = 4;

    private final FeedStore store;
    private final FeedFrames frames;
    private final JwtDecoder tokens;
    private final MessageChannel clientOutbound;
    private final int maxSubscriptionsPerSession;
    private final FeedMetrics metrics;
    private final Map<String, FeedSession> sessions = new ConcurrentHashMap<>();
    private final Map<AccountId, Set<FeedSubscription>> subscriptionsByUser = new ConcurrentHashMap<>();
    private final ExecutorService delivery;
    private final ScheduledExecutorService timer;

    FeedSessions(
            FeedStore store,
            FeedFrames frames,
            JwtDecoder tokens,
            // the channel is built from the configuration that uses this class; taken when first used
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound,
            NotifierSettings settings,
            FeedMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        metrics.countSessions(sessions);
        this.frames = frames;
        this.tokens = tokens;
        this.clientOutbound = clientOutbound;
        this.maxSubscriptionsPerSession = settings.feed().maxSubscriptionsPerSession();
        this.delivery = Executors.newFixedThreadPool(DELIVERY_THREADS, daemonThreads("feed-delivery-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("feed-timer-"));
        var check = settings.feed().tokenCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkTokens, check, check, TimeUnit.MILLISECONDS);
    }

    /**
     * A session whose CONNECT carried a valid token for the user. A session connects once: a second CONNECT must
     * not replace its user (Spring refuses one before it gets here; this keeps it so if that changes).
     */
    void connected(String sessionId, AccountId user, String token) {
        var earlier = sessions.putIfAbsent(
                sessionId,
                new FeedSession(
                        sessionId,
                        user,
                        token,
                        // one per session: keeps this session's frames in the order they were sent
                        new OrderedMessageChannelDecorator(clientOutbound, LogFactory.getLog(FeedSessions.class))));
        if (earlier != null) {
            throw new FeedAccessRefused(ALREADY_CONNECTED);
        }
    }

    /**
     * Starts a subscription: from {@code lastSeen} when the client says what it saw, otherwise from the
     * user's newest message, so only what comes next is sent. The RECEIPT, when asked for, goes out
     * before any message, so a client that waits for it knows that nothing after it can be missed.
     */
    void subscribe(String sessionId, String subscriptionId, OptionalLong lastSeen, String receiptId) {
        var session = sessions.get(sessionId);
        if (session == null) {
            throw new FeedAccessRefused("send CONNECT with a valid token first");
        }
        if (session.subscriptions().containsKey(subscriptionId)) {
            throw new FeedAccessRefused("subscription id " + subscriptionId + " is already in use");
        }
        if (session.subscriptions().size() >= maxSubscriptionsPerSession) {
            throw new FeedAccessRefused("at most " + maxSubscriptionsPerSession + " subscriptions per connection");
        }
        var newest = store.lastSeq(session.user());
        // a last-seq above the newest can only come from another database (a reset dev stack): such a
        // client would otherwise wait in silence until the feed caught up with its number
        var from = lastSeen.isPresent() ? Math.min(lastSeen.getAsLong(), newest) : newest;
        var subscription = new FeedSubscription(
                sessionId, subscriptionId, session.user(), from, newest, session.channel(), store, frames, metrics);
        session.subscriptions().put(subscriptionId, subscription);
        subscriptionsByUser
                .computeIfAbsent(session.user(), user -> ConcurrentHashMap.newKeySet())
                .add(subscription);
        if (receiptId != null) {
            session.channel().send(frames.receipt(sessionId, receiptId));
        }
        catchUp(subscription);
    }

    void unsubscribe(String sessionId, String subscriptionId) {
        var session = sessions.get(sessionId);
        if (session != null) {
            var subscription = session.subscriptions().remove(subscriptionId);
            if (subscription != null) {
                forget(subscription);
            }
        }
    }

    void disconnected(String sessionId) {
        var session = sessions.remove(sessionId);
        if (session != null) {
            session.subscriptions().values().forEach(this::forget);
        }
    }

    @Override
    public String channel() {
        return FeedStore.CHANNEL;
    }

    /** The payload is {@code <user id>:<last seq>}; only subscriptions behind that number look. */
    @Override
    public void wakeUp(String payload) {
        var separator = payload.indexOf(':');
        if (separator < 0) {
            log.warn("Ignoring a feed wake-up without a seq: {}", payload);
            return;
        }
        var user = AccountId.of(Long.parseLong(payload.substring(0, separator)));
        var seq = Long.parseLong(payload.substring(separator + 1));
        var subscriptions = subscriptionsByUser.get(user);
        if (subscriptions != null) {
            for (var subscription : subscriptions) {
                if (subscription.hasNotSent(seq)) {
                    catchUp(subscription);
                }
            }
        }
    }

    @Override
    public void wakeUpForAnythingMissed() {
        subscriptionsByUser.values().forEach(subscriptions -> subscriptions.forEach(this::catchUp));
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        delivery.shutdownNow();
    }

    private void catchUp(FeedSubscription subscription) {
        subscription.requestCatchUp(delivery, failure -> {
            log.warn(
                    "Could not read the feed of user {} for session {}; trying again in {}",
                    subscription.user(),
                    subscription.sessionId(),
                    CATCH_UP_RETRY,
                    failure);
            timer.schedule(() -> catchUp(subscription), CATCH_UP_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void forget(FeedSubscription subscription) {
        subscription.cancel();
        subscriptionsByUser.computeIfPresent(subscription.user(), (user, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    /** Decodes every session's token again: signature, expiry, sign-out and password reset. */
    private void checkTokens() {
        for (var session : sessions.values()) {
            try {
                tokens.decode(session.token());
            } catch (JwtException refused) {
                log.info("Closing feed session {} of user {}: {}", session.id(), session.user(), refused.getMessage());
                session.channel().send(frames.error(session.id(), "the access token expired or was revoked"));
                disconnected(session.id());
            } catch (RuntimeException e) {
                // the revocation check needs the database; keep the session rather than guess
                log.warn("Could not check the token of feed session {}; keeping it for now", session.id(), e);
            }
        }
    }

    private static CustomizableThreadFactory daemonThreads(String prefix) {
        var threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    private record FeedSession(
            String id,
            AccountId user,
            String token,
            MessageChannel channel,
            Map<String, FeedSubscription> subscriptions) {

        FeedSession(String id, AccountId user, String token, MessageChannel channel) {
            this(id, user, token, channel, new ConcurrentHashMap<>());
        }
    }
}
