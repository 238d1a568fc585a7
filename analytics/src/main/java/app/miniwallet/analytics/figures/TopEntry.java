package app.miniwallet.analytics.figures;

import java.util.Comparator;

/** A user and the volume they sent or received in the window of a top list. */
public record TopEntry(long userId, long volumeMinor) {

    /** The largest volume first; equal volumes by user id, so the order is the same on every read. */
    public static final Comparator<TopEntry> RANKING =
            Comparator.comparingLong(TopEntry::volumeMinor).reversed().thenComparingLong(TopEntry::userId);
}
