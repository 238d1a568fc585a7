package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.platform.auth.AccessTokenClaims;
import java.util.Locale;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * The gate of every frame a client sends. CONNECT must carry a valid access token
 * ({@code Authorization: Bearer ...}); SUBSCRIBE is allowed to the feed destination only; the feed
 * is read-only, so SEND is refused. A refusal throws, which makes Spring answer with an ERROR frame
 * and close the connection.
 */
@Component
class FeedAccess implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FeedAccess.class);

    private static final String BEARER = "bearer ";

    private final JwtDecoder tokens;
    private final FeedSessions sessions;

    FeedAccess(JwtDecoder tokens, FeedSessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        var stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            // heart-beats
            return message;
        }
        var sessionId = stomp.getSessionId();
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> connect(stomp, sessionId);
            case SUBSCRIBE -> subscribe(stomp, sessionId);
            case UNSUBSCRIBE -> sessions.unsubscribe(sessionId, stomp.getSubscriptionId());
            case DISCONNECT -> sessions.disconnected(sessionId);
            case SEND -> throw refused(sessionId, "the feed is read-only: SEND is not accepted");
            default -> {
                // ACK, NACK and transactions have no meaning for the feed and change nothing
            }
        }
        return message;
    }

    private void connect(StompHeaderAccessor stomp, String sessionId) {
        var token = bearerToken(stomp);
        if (token == null) {
            throw refused(sessionId, "CONNECT needs an Authorization header: Bearer <access token>");
        }
        try {
            var user = AccessTokenClaims.accountOf(tokens.decode(token));
            // Spring keeps this user for the session's later frames
            stomp.setUser(new FeedUser(user));
            sessions.connected(sessionId, user, token);
        } catch (JwtException | IllegalArgumentException invalid) {
            log.info("Refused a feed CONNECT: {}", invalid.getMessage());
            throw new FeedAccessRefused("the access token is invalid, expired or revoked");
        }
    }

    private void subscribe(StompHeaderAccessor stomp, String sessionId) {
        if (!(stomp.getUser() instanceof FeedUser)) {
            throw refused(sessionId, "send CONNECT with a valid token first");
        }
        if (!FeedDestination.TRANSFERS.equals(stomp.getDestination())) {
            throw refused(
                    sessionId,
                    "only " + FeedDestination.TRANSFERS + " can be subscribed to, not " + stomp.getDestination());
        }
        if (stomp.getSubscriptionId() == null) {
            throw refused(sessionId, "SUBSCRIBE needs an id header");
        }
        sessions.subscribe(sessionId, stomp.getSubscriptionId(), lastSeq(stomp, sessionId), stomp.getReceipt());
    }

    private OptionalLong lastSeq(StompHeaderAccessor stomp, String sessionId) {
        var header = stomp.getFirstNativeHeader(FeedDestination.LAST_SEQ_HEADER);
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            var seq = Long.parseLong(header.strip());
            if (seq >= 0) {
                return OptionalLong.of(seq);
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the header's name
        }
        throw refused(
                sessionId, FeedDestination.LAST_SEQ_HEADER + " must be a whole number of 0 or more, was " + header);
    }

    private static String bearerToken(StompHeaderAccessor stomp) {
        var header = stomp.getFirstNativeHeader("Authorization");
        if (header == null) {
            header = stomp.getFirstNativeHeader("authorization");
        }
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return null;
        }
        var token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static FeedAccessRefused refused(String sessionId, String reason) {
        log.info("Refused a frame of feed session {}: {}", sessionId, reason);
        return new FeedAccessRefused(reason);
    }
}
