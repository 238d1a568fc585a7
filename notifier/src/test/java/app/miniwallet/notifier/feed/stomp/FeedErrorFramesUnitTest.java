package app.miniwallet.notifier.feed.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

class FeedErrorFramesUnitTest {

    private final FeedErrorFrames errorFrames = new FeedErrorFrames();

    /** What the inbound channel throws when its interceptor failed on a client's frame. */
    private static MessageDeliveryException failedDelivery(Throwable cause) {
        var connect = MessageBuilder.createMessage(
                new byte[0], StompHeaderAccessor.create(StompCommand.CONNECT).getMessageHeaders());
        return new MessageDeliveryException(connect, "Failed to send message to ExecutorSubscribableChannel", cause);
    }

    @Test
    void aConnectWhileTheDatabaseIsAwayIsAskedToConnectAgainNotToldOfAnUnexpectedError() {
        // what the channel hands over when the token's revocation check found no connection
        var outage = failedDelivery(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        var frame = StompHeaderAccessor.wrap(errorFrames.handleClientMessageProcessingError(null, outage));

        assertThat(frame.getCommand()).isEqualTo(StompCommand.ERROR);
        assertThat(frame.getMessage()).isEqualTo(FeedErrorFrames.UNAVAILABLE);
    }

    @Test
    void aRefusalSaysWhyAndAnythingElseSaysNothingOfItsCause() {
        var refused = failedDelivery(new FeedAccessRefused("send CONNECT with a valid token first"));
        var bug = failedDelivery(new IllegalStateException("internal detail"));

        assertThat(StompHeaderAccessor.wrap(errorFrames.handleClientMessageProcessingError(null, refused))
                        .getMessage())
                .isEqualTo("send CONNECT with a valid token first");
        assertThat(StompHeaderAccessor.wrap(errorFrames.handleClientMessageProcessingError(null, bug))
                        .getMessage())
                .isEqualTo(FeedErrorFrames.UNEXPECTED);
    }

    @Test
    void aSecondConnectThatSpringRefusesItselfIsToldSoWhileAFailureInTheChannelIsNot() {
        var connect = MessageBuilder.createMessage(
                new byte[0], StompHeaderAccessor.create(StompCommand.CONNECT).getMessageHeaders());
        // what Spring's STOMP handler throws for a CONNECT on a connection that has a session already
        var secondConnect = new IllegalStateException("Session already exists");
        var failedInTheChannel = failedDelivery(new IllegalStateException("internal detail"));

        assertThat(StompHeaderAccessor.wrap(errorFrames.handleClientMessageProcessingError(connect, secondConnect))
                        .getMessage())
                .isEqualTo(FeedSessions.ALREADY_CONNECTED);
        assertThat(StompHeaderAccessor.wrap(errorFrames.handleClientMessageProcessingError(connect, failedInTheChannel))
                        .getMessage())
                .isEqualTo(FeedErrorFrames.UNEXPECTED);
    }
}
