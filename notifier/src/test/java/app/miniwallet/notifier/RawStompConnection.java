package app.miniwallet.notifier;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * STOMP frames written by hand over a plain WebSocket, for what a well-behaved client library will not send
 * (Spring's {@code StompSession} sends CONNECT once and only once).
 */
final class RawStompConnection implements AutoCloseable {

    /** A frame the server sent: its command and headers (the body is not needed here). */
    record Frame(String command, Map<String, String> headers) {}

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();

    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private RawStompConnection(int port) {
        try {
            socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new Listener())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not open a WebSocket to the feed", e);
        }
    }

    static RawStompConnection open(int port) {
        return new RawStompConnection(port);
    }

    /** Sends {@code CONNECT} with the token and no heart-beats. */
    RawStompConnection connect(String token) {
        send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
        return this;
    }

    /** Waits for the first frame with this command and returns it. */
    Frame awaitFrame(String command) {
        await().atMost(WAIT)
                .until(() -> frames.stream().anyMatch(frame -> frame.command().equals(command)));
        return frames.stream()
                .filter(frame -> frame.command().equals(command))
                .findFirst()
                .orElseThrow();
    }

    List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** Waits until the server closed the connection. */
    void awaitClosed() {
        await().atMost(WAIT).until(closed::isDone);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    private void send(String frame) {
        socket.sendText(frame, true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(failure -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (partial) {
                partial.append(data);
                int end;
                while ((end = partial.indexOf("\0")) >= 0) {
                    var frame = partial.substring(0, end);
                    partial.delete(0, end + 1);
                    parse(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        private void parse(String text) {
            // heart-beats are bare end-of-lines before a frame
            var frame = text.stripLeading();
            if (frame.isEmpty()) {
                return;
            }
            var lines = frame.split("\n", -1);
            var headers = new LinkedHashMap<String, String>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                var separator = lines[i].indexOf(':');
                if (separator > 0) {
                    headers.putIfAbsent(
                            unescape(lines[i].substring(0, separator)), unescape(lines[i].substring(separator + 1)));
                }
            }
            frames.add(new Frame(lines[0].strip(), headers));
        }

        /** STOMP 1.2 header escapes: {@code \c} is a colon, {@code \n} a line feed, {@code \\} a backslash. */
        private static String unescape(String text) {
            var plain = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                var c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    var next = text.charAt(++i);
                    plain.append(
                            switch (next) {
                                case 'c' -> ':';
                                case 'n' -> '\n';
                                case 'r' -> '\r';
                                default -> next;
                            });
                } else {
                    plain.append(c);
                }
            }
            return plain.toString();
        }
    }
}
