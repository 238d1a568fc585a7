package app.miniwallet.analytics.streams;

import app.miniwallet.analytics.figures.Figures;
import app.miniwallet.analytics.figures.Side;
import app.miniwallet.analytics.figures.UserFigures;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores, all held by the one task that aggregates, each backed by a changelog topic
 * ({@code <application id>-<store>-changelog}) from which it is restored after a crash or on another instance.
 */
final class AnalyticsStores {

    /** Event id → epoch milliseconds it occurred at: the events already counted. */
    static final String SEEN_EVENTS = "analytics-seen-events";

    /** {@link #TOTALS_KEY} → the running {@link Figures}. */
    static final String TOTALS = "analytics-totals";

    static final String TOTALS_KEY = "all";

    /** Epoch minute → that minute's {@link Figures}; a long key sorts by time, so a range is a time range. */
    static final String MINUTES = "analytics-minutes";

    /** User id → {@link UserFigures}. */
    static final String USERS = "analytics-users";

    /** {@link #sideKey} → volume in minor units within the top window, the sum of the user's {@link #WINDOW_MINUTES}. */
    static final String WINDOW_VOLUMES = "analytics-window-volumes";

    /** {@link #minuteSideKey} → volume of that minute: what leaves {@link #WINDOW_VOLUMES} when the minute does. */
    static final String WINDOW_MINUTES = "analytics-window-minutes";

    static final List<String> ALL = List.of(SEEN_EVENTS, TOTALS, MINUTES, USERS, WINDOW_VOLUMES, WINDOW_MINUTES);

    private AnalyticsStores() {}

    static String sideKey(Side side, long userId) {
        return sidePrefix(side) + userId;
    }

    static String sidePrefix(Side side) {
        return side.label() + "/";
    }

    static long userIdOf(String sideKey) {
        return Long.parseLong(sideKey.substring(sideKey.indexOf('/') + 1));
    }

    /** Zero-padded, so that the keys sort by minute and a scan up to a minute's prefix finds every earlier one. */
    static String minuteSideKey(long epochMinute, Side side, long userId) {
        return minutePrefix(epochMinute) + sideKey(side, userId);
    }

    static String minutePrefix(long epochMinute) {
        return "%012d/".formatted(epochMinute);
    }

    static List<StoreBuilder<?>> builders() {
        return List.of(
                store(SEEN_EVENTS, Serdes.String(), Serdes.Long()),
                store(TOTALS, Serdes.String(), new JsonSerde<>(Figures.class)),
                store(MINUTES, Serdes.Long(), new JsonSerde<>(Figures.class)),
                store(USERS, Serdes.Long(), new JsonSerde<>(UserFigures.class)),
                store(WINDOW_VOLUMES, Serdes.String(), Serdes.Long()),
                store(WINDOW_MINUTES, Serdes.String(), Serdes.Long()));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        // the cache folds the many updates of a hot key (the totals, the current minute) into one changelog record per
        // commit; the changelog is on by default. RocksDB orders keys by their bytes: big-endian longs and zero-padded
        // strings, so the range scans go in time order
        return Stores.<K, V>keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values)
                .withCachingEnabled();
    }
}
