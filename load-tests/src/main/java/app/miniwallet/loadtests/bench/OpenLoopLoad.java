package app.miniwallet.loadtests.bench;

import app.miniwallet.contracts.money.Money;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open-loop load: requests are due at a constant rate whatever the server does, each sent asynchronously at its due
 * time, and every latency is measured from that due time. A server that slows down therefore shows its queueing in the
 * numbers instead of slowing the generator down (no coordinated omission). Should the generator itself fall behind, it
 * sends at once and the delay still counts. More than {@link #MAX_IN_FLIGHT} unanswered requests count as failures
 * instead of being sent: past that the system is overloaded anyway. Requests share at most {@link #CONNECTIONS} kept-alive
 * connections, as a gateway in front of the api would; a request waiting for a free connection is waiting, and that
 * counts too.
 *
 * <p>Each user is a person with one phone: a user whose request is still unanswered is not picked again (another
 * user is), so one person's transfers are sent one after the other, as a person sends them. The hot sender of
 * {@link Scenario#HOT_SENDER} is the exception: a business account paying out sends many at once.
 */
final class OpenLoopLoad implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 4_096;
    static final int CONNECTIONS = 512;

    private static final int ACCEPTED = 202;
    private static final int CREATED = 201;

    private static final Logger log = LoggerFactory.getLogger(OpenLoopLoad.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Far more than any answer of the api; a bigger one is a failure. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final Duration HTTP_DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final String ID_FIELD = "\"id\":\"";
    /** Picks before a busy user is sent to anyway (only when nearly everybody is waiting: an overload). */
    private static final int MAX_PICKS = 20;

    private final URI transfers;
    private final URI topUps;
    private final BenchUsers users;
    /** The wallet's result events; {@code null} when the answer itself decides the transfer. */
    private final CompletionWatcher completions;
    /** The status that accepts a transfer: the wallet's 202, or the 201 of a service that decides in the request. */
    private final int acceptedStatus;

    private final HttpClient client;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "load-ticker");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Long> busyUsers = ConcurrentHashMap.newKeySet();
    private final List<Consumer<LoadRun>> observers = new CopyOnWriteArrayList<>();

    /**
     * Load on the wallet: a 202 accepts a transfer, whose result event {@code completions} then waits for.
     */
    OpenLoopLoad(URI api, BenchUsers users, CompletionWatcher completions) {
        this(api, users, Objects.requireNonNull(completions), ACCEPTED);
    }

    /**
     * Load on a service that decides each transfer inside its request (the seed-shaped service): a 201 accepts it and
     * completes it at once, at the moment of the answer. Its transfers are no wallet transfers: no id is kept.
     */
    static OpenLoopLoad decidingInRequest(URI service, BenchUsers users) {
        return new OpenLoopLoad(service, users, null, CREATED);
    }

    private OpenLoopLoad(URI api, BenchUsers users, CompletionWatcher completions, int acceptedStatus) {
        this.acceptedStatus = acceptedStatus;
        this.transfers = api.resolve("/api/transfers");
        this.topUps = api.resolve("/api/wallet/top-ups");
        this.users = users;
        this.completions = completions;
        var threads = new QueuedThreadPool(8, 2);
        threads.setName("load-http");
        threads.setDaemon(true);
        this.client = new HttpClient();
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(CONNECTIONS);
        client.setMaxRequestsQueuedPerDestination(MAX_IN_FLIGHT);
        client.setConnectTimeout(10_000);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the load generator's HTTP client", e);
        }
    }

    /** {@code observer} is told of each run as it starts: what it measures from then on belongs to that run. */
    void observe(Consumer<LoadRun> observer) {
        observers.add(observer);
    }

    /**
     * Offers {@code rate} requests per second of {@code scenario} for {@code duration}, then waits until every
     * request is answered and every accepted transfer's result event arrived (or {@code settle} passes without one).
     */
    LoadRun run(Scenario scenario, int rate, Duration duration, Duration settle, long seed) {
        var total = rate * duration.toSeconds();
        var random = new SplittableRandom(seed);
        var start = System.nanoTime() + 50_000_000L;
        var run = new LoadRun(scenario, rate, duration, start);
        observers.forEach(observer -> observer.accept(run));
        var tick = ticker.scheduleAtFixedRate(run::tick, 1_050, 1_000, TimeUnit.MILLISECONDS);
        try {
            for (long i = 0; i < total; i++) {
                var due = start + i * 1_000_000_000L / rate;
                var wait = due - System.nanoTime();
                while (wait > 0) {
                    LockSupport.parkNanos(wait);
                    wait = due - System.nanoTime();
                }
                run.offered(due);
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    run.overloaded(due);
                    continue;
                }
                send(next(scenario, random), run, due);
            }
            run.sendingEnded(System.nanoTime());
            awaitAnswers(run);
            awaitCompletions(run, settle);
        } finally {
            tick.cancel(false);
            run.finished(System.nanoTime());
            if (completions != null) {
                completions.forgetUnclaimedEvents();
            }
        }
        return run;
    }

    private WalletRequest next(Scenario scenario, SplittableRandom random) {
        var request = scenario.next(users, random);
        for (int tries = 0; tries < MAX_PICKS && isBusy(scenario, request.user()); tries++) {
            request = scenario.next(users, random);
        }
        return request;
    }

    private boolean isBusy(Scenario scenario, long user) {
        var sendsConcurrently = scenario == Scenario.HOT_SENDER && user == users.hotSender();
        return !sendsConcurrently && busyUsers.contains(user);
    }

    private void send(WalletRequest request, LoadRun run, long due) {
        String body;
        URI uri;
        if (request instanceof WalletRequest.Transfer transfer) {
            body = "{\"receiver_id\":" + transfer.receiver() + ",\"amount\":\"" + Money.ofMinor(transfer.amountMinor())
                    + "\"}";
            uri = transfers;
        } else {
            body = "{\"amount\":\"" + Money.ofMinor(((WalletRequest.TopUp) request).amountMinor()) + "\"}";
            uri = topUps;
        }
        var token = "Bearer " + users.tokenOf(request.user());
        inFlight.incrementAndGet();
        busyUsers.add(request.user());
        client.POST(uri)
                .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, token))
                .body(new StringRequestContent("application/json", body))
                .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .send(new BufferingResponseListener(MAX_ANSWER_BYTES) {
                    @Override
                    public void onComplete(Result result) {
                        answered(request, result, getContentAsString(), run, due);
                    }
                });
    }

    private void answered(WalletRequest request, Result result, String body, LoadRun run, long due) {
        var answered = System.nanoTime();
        try {
            if (result.isFailed()) {
                run.failed(result.getFailure(), answered);
            } else if (result.getResponse().getStatus() != acceptedStatus) {
                run.refused(result.getResponse().getStatus(), body, due, answered);
            } else if (completions == null) {
                run.completedInRequest(due, answered);
            } else {
                var transferId = idOf(body);
                run.accepted(transferId, due, answered);
                completions.accepted(transferId, run, due);
            }
        } catch (RuntimeException e) {
            run.failed(e, answered);
        } finally {
            busyUsers.remove(request.user());
            inFlight.decrementAndGet();
        }
    }

    private void awaitAnswers(LoadRun run) {
        var deadline = System.nanoTime() + HTTP_DRAIN_TIMEOUT.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        if (inFlight.get() > 0) {
            log.warn(
                    "{} requests of the {}/s {} run still unanswered after {}",
                    inFlight.get(),
                    run.rate(),
                    run.scenario().label(),
                    HTTP_DRAIN_TIMEOUT);
        }
    }

    /** Waits until all accepted transfers completed, or no completion arrived for {@code settle}. */
    private static void awaitCompletions(LoadRun run, Duration settle) {
        var lastCount = run.completedCount();
        var lastProgress = System.nanoTime();
        while (run.completedCount() < run.acceptedCount()) {
            LockSupport.parkNanos(20_000_000L);
            var count = run.completedCount();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > settle.toNanos()) {
                log.warn(
                        "{} of {} accepted transfers of the {}/s {} run have no result event after {} without"
                                + " progress",
                        run.unfinishedCount(),
                        run.acceptedCount(),
                        run.rate(),
                        run.scenario().label(),
                        settle);
                return;
            }
        }
    }

    private static UUID idOf(String body) {
        var start = body.indexOf(ID_FIELD);
        if (start < 0) {
            throw new IllegalStateException("a 202 without a transfer id: " + body);
        }
        start += ID_FIELD.length();
        return UUID.fromString(body.substring(start, body.indexOf('"', start)));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            client.stop();
        } catch (Exception e) {
            log.warn("the load generator's HTTP client did not stop cleanly: {}", e.toString());
        }
    }
}
