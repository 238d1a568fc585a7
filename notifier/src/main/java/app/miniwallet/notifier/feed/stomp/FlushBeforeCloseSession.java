package app.miniwallet.notifier.feed.stomp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Spring's session decorator, except that closing first lets the frames already handed over go out.
 *
 * <p>Spring sends an ERROR frame and closes the session right after. If another thread is still
 * writing an earlier frame (the CONNECTED, a feed message), the ERROR waits in the decorator's buffer
 * for that thread, and the close marks the session as closing before it gets there: the client saw
 * the connection end without the ERROR that says why (about one refused SUBSCRIBE in forty in the
 * tests). Waiting a moment for the buffer to drain keeps the frame; a client too slow to take it in
 * that moment is closed on as before.
 */
final class FlushBeforeCloseSession extends ConcurrentWebSocketSessionDecorator {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);
    private static final long PAUSE_NANOS = Duration.ofMillis(1).toNanos();

    FlushBeforeCloseSession(WebSocketSession session, int sendTimeLimit, int bufferSizeLimit) {
        super(session, sendTimeLimit, bufferSizeLimit);
    }

    @Override
    public void close(CloseStatus status) throws IOException {
        var deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (getBufferSize() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        super.close(status);
    }
}
