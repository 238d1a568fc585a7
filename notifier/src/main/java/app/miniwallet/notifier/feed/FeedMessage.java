package app.miniwallet.notifier.feed;

/** A stored feed entry with its number in its user's feed. */
public record FeedMessage(long seq, FeedEntry entry) {}
