package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.platform.database.DatabaseOutage;
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

    static final String UNEXPECTED = "the feed could not handle this frame";
    static final String UNAVAILABLE = "the feed is unavailable for a moment; connect again in a few seconds";

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable error) {
        var accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setMessage(reasonIn(error));
        if (clientMessage != null) {
            var clientAccessor = MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
            if (clientAccessor != null && clientAccessor.getReceipt() != null) {
                accessor.setReceiptId(clientAccessor.getReceipt());
            }
        }
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }

    private static String reasonIn(Throwable error) {
        // the channel wraps what the interceptor threw
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeedAccessRefused refused) {
                return refused.getMessage();
            }
        }
        // the token check reads revocations from the database: while it is away, say so instead of "unexpected"
        return DatabaseOutage.causedBy(error) ? UNAVAILABLE : UNEXPECTED;
    }
}
