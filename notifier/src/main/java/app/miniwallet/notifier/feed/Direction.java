package app.miniwallet.notifier.feed;

/** Which way the money went, seen from the user whose feed it is. */
public enum Direction {
    SENT,
    RECEIVED,
    TOP_UP
}
