package app.miniwallet.notifier.feed.stomp;

/**
 * A frame the feed does not accept. The message is for the client: it becomes the {@code message}
 * header of the STOMP ERROR frame, after which the server closes the connection.
 */
class FeedAccessRefused extends RuntimeException {

    FeedAccessRefused(String reason) {
        super(reason, null, false, false);
    }
}
