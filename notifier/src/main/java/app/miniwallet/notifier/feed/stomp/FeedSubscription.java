package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.notifier.feed.FeedStore;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.messaging.MessageChannel;

/**
 * One SUBSCRIBE to the feed: sends the user's messages numbered above the last one it sent, in
 * order, each once. Catching up is the only way a message goes out, whether the subscription just
 * started (resume) or a NOTIFY said there is something new (live), so both follow the same rule and
 * there is no seam between them where a message could be lost or repeated.
 */
final class FeedSubscription {

    /** Messages read per query while catching up. */
    private static final int PAGE = 200;

    private final String sessionId;
    private final String subscriptionId;
    private final AccountId user;
    private final MessageChannel session;
    private final FeedStore store;
    private final FeedFrames frames;
    private final FeedMetrics metrics;
    private final long liveAfter;
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private volatile long lastSent;
    private volatile boolean cancelled;

    /**
     * @param lastSeen the last message the client saw: catching up starts after it
     * @param liveAfter the user's newest message when the subscription started: those after it are pushed live
     */
    FeedSubscription(
            String sessionId,
            String subscriptionId,
            AccountId user,
            long lastSeen,
            long liveAfter,
            MessageChannel session,
            FeedStore store,
            FeedFrames frames,
            FeedMetrics metrics) {
        this.sessionId = sessionId;
        this.subscriptionId = subscriptionId;
        this.user = user;
        this.lastSent = lastSeen;
        this.session = session;
        this.store = store;
        this.frames = frames;
        this.liveAfter = liveAfter;
        this.metrics = metrics;
    }

    String sessionId() {
        return sessionId;
    }

    String subscriptionId() {
        return subscriptionId;
    }

    AccountId user() {
        return user;
    }

    boolean hasNotSent(long seq) {
        return lastSent < seq;
    }

    void cancel() {
        cancelled = true;
    }

    /**
     * Queues one catch-up unless one is queued and has not started yet: that one will see whatever
     * made this call, since it reads after the flag is cleared.
     */
    void requestCatchUp(Executor executor, Consumer<RuntimeException> onFailure) {
        if (catchUpQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                catchUpQueued.set(false);
                try {
                    catchUp();
                } catch (RuntimeException e) {
                    // the database is away: nothing was skipped, the next catch-up starts where this one stopped
                    onFailure.accept(e);
                }
            });
        }
    }

    /** One catch-up at a time per subscription, so messages go out in order and once. */
    private synchronized void catchUp() {
        while (!cancelled) {
            var messages = store.after(user, lastSent, PAGE);
            for (var message : messages) {
                session.send(frames.message(sessionId, subscriptionId, message));
                lastSent = message.seq();
                metrics.pushed(message, message.seq() > liveAfter);
            }
            if (messages.size() < PAGE) {
                return;
            }
        }
    }
}
