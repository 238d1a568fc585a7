package app.miniwallet.systemtests.fault;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.systemtests.fault.WalletPeople.Person;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A steady stream of transfers over real HTTP, one thread per sender, each sender's transfers one after another so
 * their acceptance order is the order the checker compares against. About half of every sender's transfers go to one
 * hot receiver; the hot receiver sends too, so money keeps circulating in a long run.
 *
 * <p>Every transfer carries its own Idempotency-Key. A request that gets no answer (connection refused or reset,
 * timeout) or a 5xx is of unknown outcome: the api may or may not have committed it. The sender asks again with the
 * same key and body until the api answers 202 or 422; the api's idempotency makes that safe and turns every unknown
 * into a known outcome (a replayed 202 names the transfer the lost answer would have named). So every transfer the
 * stream ever submitted ends up either accepted, with its id recorded, or refused.
 */
final class TransferStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransferStream.class);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(2);
    /** Longer than any recovery a scenario waits for; a transfer still unknown then is a failure of the run. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final Supplier<URI> api;
    private final List<Person> people;
    private final Person hot;
    private final long seed;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Object gate = new Object();
    private boolean paused = true;
    private int busy;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Thread> senders = new ArrayList<>();

    private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unknownAtFirst = new AtomicLong();
    private final AtomicLong resolvedByReplay = new AtomicLong();
    private final AtomicLong unresolved = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();

    /** A transfer the api answered 202 for. */
    record Accepted(TransferId id, AccountId sender, Instant answeredAt) {}

    /**
     * What the stream did, for reports.
     *
     * @param unknownAtFirst transfers whose first request got no answer or a 5xx, so their outcome was unknown
     * @param resolvedByReplay of those, the ones the api had accepted: a retry with the key got the replayed 202
     * @param unresolved transfers whose outcome stayed unknown (the stream was closed or gave up)
     * @param serverErrors 5xx answers, counted per request
     */
    record Tally(
            long submitted,
            long accepted,
            long refused,
            long unknownAtFirst,
            long resolvedByReplay,
            long unresolved,
            long serverErrors,
            List<String> unexpected) {}

    TransferStream(Supplier<URI> api, List<Person> people, Person hot, long seed) {
        if (!people.contains(hot) || people.size() < 3) {
            throw new IllegalArgumentException("the hot receiver must be one of at least three people");
        }
        this.api = api;
        this.people = List.copyOf(people);
        this.hot = hot;
        this.seed = seed;
    }

    /** Starts the senders, paused; {@link #resume} lets them go. */
    TransferStream start() {
        var seeds = new Random(seed);
        for (var sender : people) {
            var random = new Random(seeds.nextLong());
            var thread = new Thread(() -> sendWhileOpen(sender, random), "sender-" + sender.account());
            thread.setDaemon(true);
            senders.add(thread);
            thread.start();
        }
        return this;
    }

    void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    /** Stops new transfers and returns once every sender knows the outcome of the one it had in flight. */
    void pause(Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        synchronized (gate) {
            paused = true;
            while (busy > 0) {
                var left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(
                            busy + " senders still had a transfer of unknown outcome after " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(gate, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while pausing the stream", e);
                }
            }
        }
    }

    List<Accepted> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    List<TransferId> acceptedIds() {
        return accepted().stream().map(Accepted::id).toList();
    }

    long acceptedCount() {
        return accepted.size();
    }

    List<Person> people() {
        return people;
    }

    Tally tally() {
        return new Tally(
                submitted.get(),
                accepted.size(),
                refused.get(),
                unknownAtFirst.get(),
                resolvedByReplay.get(),
                unresolved.get(),
                serverErrors.get(),
                List.copyOf(unexpected));
    }

    @Override
    public void close() {
        closed.countDown();
        synchronized (gate) {
            gate.notifyAll();
        }
        for (var sender : senders) {
            try {
                sender.join(REQUEST_TIMEOUT.toMillis() + LAST_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendWhileOpen(Person sender, Random random) {
        while (awaitTurn()) {
            try {
                sendOne(sender, random);
            } catch (RuntimeException e) {
                unexpected.add(sender + ": " + e);
                log.error("sender {} failed", sender, e);
            } finally {
                synchronized (gate) {
                    busy--;
                    gate.notifyAll();
                }
            }
        }
    }

    /** Waits while paused; false once closed. Counts the sender busy when it returns true. */
    private boolean awaitTurn() {
        synchronized (gate) {
            while (paused && closed.getCount() > 0) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (closed.getCount() == 0) {
                return false;
            }
            busy++;
            return true;
        }
    }

    private void sendOne(Person sender, Random random) {
        var receiver = receiverFor(sender, random);
        var amountMinor = 1 + random.nextInt(2_500);
        var body = String.format(
                Locale.ROOT,
                "{\"receiver_id\": %d, \"amount\": \"%d.%02d\"}",
                receiver.account().value(),
                amountMinor / 100,
                amountMinor % 100);
        var key = new UUID(random.nextLong(), random.nextLong()).toString();
        submitted.incrementAndGet();
        var giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        var wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            var answer = submit(sender, key, body);
            if (answer != null && answer.statusCode() == 202) {
                var id = ID.matcher(answer.body());
                if (!id.find()) {
                    unexpected.add("202 without a transfer id: " + answer.body());
                    return;
                }
                accepted.add(new Accepted(TransferId.parse(id.group(1)), sender.account(), Instant.now()));
                if (attempt > 1
                        && answer.headers()
                                .firstValue("Idempotent-Replayed")
                                .orElse("false")
                                .equals("true")) {
                    resolvedByReplay.incrementAndGet();
                }
                return;
            }
            if (answer != null && answer.statusCode() == 422) {
                refused.incrementAndGet();
                return;
            }
            if (answer != null && answer.statusCode() < 500) {
                unexpected.add("HTTP " + answer.statusCode() + " for " + body + ": " + answer.body());
                return;
            }
            if (answer != null) {
                serverErrors.incrementAndGet();
                // a database that is down for a moment is a 503 to retry after a while, never a 500
                if (answer.statusCode() != 503
                        || answer.headers().firstValue("Retry-After").isEmpty()) {
                    unexpected.add("HTTP " + answer.statusCode() + " (a 503 with Retry-After is the one 5xx to retry)"
                            + " for " + body + ": " + answer.body());
                }
            }
            if (attempt == 1) {
                unknownAtFirst.incrementAndGet();
            }
            if (System.nanoTime() > giveUpAt) {
                unresolved.incrementAndGet();
                unexpected.add("no answer for key " + key + " within " + GIVE_UP_AFTER);
                return;
            }
            try {
                if (closed.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    unresolved.incrementAndGet();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
        }
    }

    private Person receiverFor(Person sender, Random random) {
        if (!sender.equals(hot) && random.nextBoolean()) {
            return hot;
        }
        Person receiver;
        do {
            receiver = people.get(random.nextInt(people.size()));
        } while (receiver.equals(sender));
        return receiver;
    }

    /** The api's answer, or null when there was none (refused, reset, timed out): an unknown outcome. */
    private HttpResponse<String> submit(Person sender, String key, String body) {
        var request = HttpRequest.newBuilder(api.get().resolve("/api/transfers"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", sender.bearer())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
