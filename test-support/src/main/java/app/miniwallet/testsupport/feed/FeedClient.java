package app.miniwallet.testsupport.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A STOMP client over a real WebSocket, as a browser page would use the feed: CONNECT with the access
 * token, SUBSCRIBE to the feed (optionally with {@code last-seq}), collect what arrives. The notifier's tests and the
 * system tests use it; its module needs spring-websocket, spring-messaging, a WebSocket client (Tomcat's) and
 * Awaitility, which test-support leaves optional.
 */
public final class FeedClient implements AutoCloseable {

    public static final String FEED = "/user/queue/transfers";

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final WebSocketStompClient stomp = stompClient();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Handler handler = new Handler();
    private final Consumer<JsonNode> listener;
    private StompSession session;

    private FeedClient() {
        this(null);
    }

    private FeedClient(Consumer<JsonNode> listener) {
        this.listener = listener;
    }

    private static WebSocketStompClient stompClient() {
        var client = new WebSocketStompClient(new StandardWebSocketClient());
        // keeps the time limit on RECEIPTs and the heart-beats
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("feed-client-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        client.setTaskScheduler(scheduler);
        client.setReceiptTimeLimit(WAIT.toMillis());
        return client;
    }

    /** Connects with {@code Authorization: Bearer <token>}; fails if the server refuses. */
    public static FeedClient connect(int port, String token) {
        return new FeedClient().connected(port, token);
    }

    /**
     * Connects and hands every message to {@code listener} as it arrives, on the client's thread, instead of keeping
     * it: for a client that stays connected while thousands of messages arrive (the benchmark's feed sample).
     */
    public static FeedClient connectListening(int port, String token, Consumer<JsonNode> listener) {
        return new FeedClient(listener).connected(port, token);
    }

    private FeedClient connected(int port, String token) {
        try {
            session = connectAsync(port, token).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the feed refused the connection: " + errors, e);
        }
    }

    /** Tries to connect and expects a refusal; returns the client to look at what the server said. */
    public static FeedClient connectExpectingRefusal(int port, String token) {
        var client = new FeedClient();
        var connecting = client.connectAsync(port, token);
        await().atMost(WAIT).until(() -> connecting.isDone() && client.closed.isDone());
        if (!connecting.isCompletedExceptionally()) {
            throw new AssertionError("the feed accepted a connection it should have refused");
        }
        return client;
    }

    private CompletableFuture<StompSession> connectAsync(int port, String token) {
        var connectHeaders = new StompHeaders();
        if (token != null) {
            connectHeaders.add("Authorization", "Bearer " + token);
        }
        return stomp.connectAsync(
                "ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connectHeaders, handler);
    }

    /** Subscribes to the feed and waits for the server's RECEIPT: from then on nothing is missed. */
    public FeedClient subscribe() {
        return subscribe(null);
    }

    public FeedClient subscribeFrom(long lastSeq) {
        return subscribe(lastSeq);
    }

    private FeedClient subscribe(Long lastSeq) {
        var headers = new StompHeaders();
        headers.setDestination(FEED);
        if (lastSeq != null) {
            headers.add("last-seq", Long.toString(lastSeq));
        }
        var receipt = new CompletableFuture<Void>();
        session.setAutoReceipt(true);
        var subscription = session.subscribe(headers, new Collector());
        subscription.addReceiptTask(() -> receipt.complete(null));
        subscription.addReceiptLostTask(() -> receipt.completeExceptionally(new AssertionError("no RECEIPT")));
        await().atMost(WAIT).until(receipt::isDone);
        return this;
    }

    /** Subscribes to any destination without waiting: for destinations the server must refuse. */
    public void subscribeTo(String destination) {
        session.setAutoReceipt(false);
        session.subscribe(destination, new Collector());
    }

    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    /** Waits until at least {@code count} messages arrived; returns all of them. */
    public List<JsonNode> awaitMessages(int count) {
        await().atMost(WAIT).until(() -> messages.size() >= count);
        return messages();
    }

    /** Waits for the server's ERROR frame and the end of the connection; returns the ERROR's message. */
    public String awaitRefusal() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(errors)
                .as("ERROR frames; the connection is %s", closed.isDone() ? "closed" : "open")
                .isNotEmpty()
                .satisfies(any -> assertThat(closed).as("connection closed").isDone()));
        return errors.get(0);
    }

    public boolean isConnected() {
        return session != null && session.isConnected() && !closed.isDone();
    }

    @Override
    public void close() {
        if (session != null && session.isConnected()) {
            session.disconnect();
        }
    }

    private final class Handler extends StompSessionHandlerAdapter {

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            // frames for the session itself: ERROR
            var message = headers.getFirst("message");
            errors.add(message == null ? "ERROR without a message" : message);
        }

        @Override
        public void handleException(
                StompSession session, StompCommand command, StompHeaders headers, byte[] payload, Throwable e) {
            errors.add("client error: " + e);
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            closed.complete(null);
        }
    }

    private final class Collector implements StompFrameHandler {

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            var message = json.readTree((byte[]) payload);
            if (listener != null) {
                listener.accept(message);
            } else {
                messages.add(message);
            }
        }
    }

    /** The seq numbers of the messages, in arrival order. */
    public static List<Long> seqs(List<JsonNode> messages) {
        var seqs = new ArrayList<Long>();
        messages.forEach(message -> seqs.add(message.get("seq").asLong()));
        return seqs;
    }
}
