package app.miniwallet.notifier.feed.stomp;

/** The one destination of the feed. */
final class FeedDestination {

    /**
     * A user destination: it names no user, the server knows whose session it is, so there is no
     * other user's feed a client could name.
     */
    static final String TRANSFERS = "/user/queue/transfers";

    /** SUBSCRIBE header: the last {@code seq} the client saw; it gets everything after it first. */
    static final String LAST_SEQ_HEADER = "last-seq";

    private FeedDestination() {}
}
