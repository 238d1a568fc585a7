package app.miniwallet.loadtests.bench;

import app.miniwallet.testsupport.feed.FeedClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A sample of the seeded users with the web page open: each connected to the notifier's live feed over STOMP, as the
 * page connects, for as long as the HTTP scenarios run. Every message they receive is timed from the decision it
 * announces ({@code occurred_at}, the moment the processor decided the transfer, on this machine's clock) to its
 * arrival here, and counted into the run that is being measured.
 */
final class FeedSample implements AutoCloseable {

    /** Users connected; the rest of the seeded users are offline, as most people are most of the time. */
    static final int USERS = 500;

    private static final Logger log = LoggerFactory.getLogger(FeedSample.class);

    private final List<FeedClient> clients = new ArrayList<>();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile LoadRun current;

    private FeedSample() {}

    /** Connects {@code min(USERS, all)} users picked at random (the hot receiver and hot sender among them). */
    static FeedSample connect(int notifierPort, BenchUsers users) {
        var sample = new FeedSample();
        try {
            var random = new SplittableRandom(7);
            var picked = new java.util.LinkedHashSet<Long>();
            picked.add(users.hotReceiver());
            picked.add(users.hotSender());
            var wanted = Math.min(USERS, users.ids().length);
            while (picked.size() < wanted) {
                picked.add(users.randomUser(random));
            }
            for (var user : picked) {
                sample.clients.add(FeedClient.connectListening(notifierPort, users.tokenOf(user), sample::received)
                        .subscribe());
            }
            log.info("{} users connected to the live feed", sample.clients.size());
            return sample;
        } catch (RuntimeException e) {
            sample.close();
            throw e;
        }
    }

    int connected() {
        return (int) clients.stream().filter(FeedClient::isConnected).count();
    }

    /** From now on messages count into {@code run}. */
    void measuring(LoadRun run) {
        current = run;
    }

    private void received(JsonNode message) {
        var arrived = Instant.now();
        var run = current;
        if (run == null) {
            return;
        }
        try {
            var decided = Instant.parse(message.get("occurred_at").asString());
            run.fedToClient(java.time.Duration.between(decided, arrived).toNanos() / 1_000);
        } catch (RuntimeException e) {
            if (unreadable.getAndIncrement() == 0) {
                log.warn("a feed message without a readable occurred_at: {}", message);
            }
        }
    }

    @Override
    public void close() {
        var stillConnected = connected();
        if (stillConnected < clients.size()) {
            log.warn(
                    "{} of {} feed clients had lost their connection", clients.size() - stillConnected, clients.size());
        }
        clients.forEach(FeedClient::close);
        clients.clear();
    }
}
