package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.platform.database.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Turns a refused frame into an ERROR frame that says why, in words meant for the client, and never
 * shows the text of an unexpected exception. A database outage (the token check needs it) asks the
 * client to connect again shortly. With an error handler in place Spring closes the
 * connection after the ERROR frame, as STOMP asks.
 */
class FeedErrorFrames extends StompSubProtocolErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(FeedErrorFrames.class);

    static final String UNEXPECTED = "the feed could not handle this frame";
    static final String UNAVAILABLE = "the feed is unavailable for a moment; connect again in a few seconds";

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable error) {
        var clientAccessor = clientMessage == null
                ? null
                : MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
        var accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setMessage(
                isRepeatedConnect(clientAccessor, error) ? FeedSessions.ALREADY_CONNECTED : reasonIn(error));
        if (clientAccessor != null && clientAccessor.getReceipt() != null) {
            accessor.setReceiptId(clientAccessor.getReceipt());
        }
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }

    /**
     * Spring's STOMP handler keeps one session per connection and refuses a second CONNECT (or STOMP) on it
     * itself, with an IllegalStateException, before the frame reaches the channel and {@link FeedAccess}; what the
     * channel's interceptor throws comes wrapped in a MessageDeliveryException instead. A second CONNECT could
     * otherwise swap the session's user for the one of another token.
     */
    private static boolean isRepeatedConnect(StompHeaderAccessor clientFrame, Throwable error) {
        if (clientFrame == null || !(error instanceof IllegalStateException)) {
            return false;
        }
        var command = clientFrame.getCommand();
        if (command != StompCommand.CONNECT && command != StompCommand.STOMP) {
            return false;
        }
        log.info("Refused a second {} on one feed connection: {}", command, error.getMessage());
        return true;
    }

    private static String reasonIn(Throwable error) {
        // the channel wraps what the interceptor threw
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeedAccessRefused refused) {
                return refused.getMessage();
            }
        }
        // the token check reads revocations from the database: while it is away, say so instead of "unexpected"
        if (DatabaseOutage.causedBy(error)) {
            return UNAVAILABLE;
        }
        // the client is told nothing of it, so the log is the only place it shows; without the stack trace, since
        // any client can cause this line (a frame before CONNECT, say)
        log.warn("Refused a feed frame after an unexpected failure: {}", error.toString());
        return UNEXPECTED;
    }
}
