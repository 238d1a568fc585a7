package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.notifier.feed.FeedMessage;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frames the feed sends to one session. They go straight to the client outbound channel with the
 * session and subscription ids, not through the broker: each subscription resumes from its own
 * {@code seq}, which a broadcast to the user's destination cannot do.
 */
@Component
class FeedFrames {

    private static final byte[] EMPTY = new byte[0];

    private final JsonMapper json;

    FeedFrames(JsonMapper json) {
        this.json = json;
    }

    Message<byte[]> message(String sessionId, String subscriptionId, FeedMessage message) {
        var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setSessionId(sessionId);
        accessor.setSubscriptionId(subscriptionId);
        accessor.setDestination(FeedDestination.TRANSFERS);
        accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
        // the ordered channel marks each message as it goes, so the headers stay open
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(
                json.writeValueAsBytes(FeedMessageBody.of(message)), accessor.getMessageHeaders());
    }

    Message<byte[]> receipt(String sessionId, String receiptId) {
        var accessor = StompHeaderAccessor.create(StompCommand.RECEIPT);
        accessor.setSessionId(sessionId);
        accessor.setReceiptId(receiptId);
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(EMPTY, accessor.getMessageHeaders());
    }

    /** Spring closes the connection after sending an ERROR frame. */
    Message<byte[]> error(String sessionId, String reason) {
        var accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setSessionId(sessionId);
        accessor.setMessage(reason);
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(EMPTY, accessor.getMessageHeaders());
    }
}
