package app.miniwallet.analytics.streams;

import app.miniwallet.analytics.AnalyticsSettings;
import app.miniwallet.analytics.figures.Figures;
import app.miniwallet.analytics.figures.Side;
import app.miniwallet.analytics.figures.TopEntry;
import app.miniwallet.analytics.figures.UserFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The figures, read from this instance's state stores (Kafka Streams interactive queries). Only an active store that
 * has finished restoring answers: while the stores are restored from their changelogs, after a crash or a move to
 * this instance, the figures would be short, so the reader is told to come back instead.
 */
@Component
public class StoredFigures {

    private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

    private final StreamsBuilderFactoryBean streams;
    private final int topSize;
    private final HostInfo self;

    StoredFigures(StreamsBuilderFactoryBean streams, AnalyticsSettings settings, Environment environment) {
        this.streams = streams;
        this.topSize = settings.topSize();
        this.self = AnalyticsTopology.applicationServer(settings, environment);
    }

    public Figures totals() {
        var totals = this.<String, Figures, Figures>read(
                AnalyticsStores.TOTALS, store -> store.get(AnalyticsStores.TOTALS_KEY));
        return totals == null ? Figures.NONE : totals;
    }

    /** Every minute from the one {@code from} falls in to the one {@code to} falls in, those without events as none. */
    public List<MinuteFigures> minutes(Instant from, Instant to) {
        var first = Math.floorDiv(from.toEpochMilli(), MINUTE_MILLIS);
        var last = Math.floorDiv(to.toEpochMilli(), MINUTE_MILLIS);
        return this.<Long, Figures, List<MinuteFigures>>read(AnalyticsStores.MINUTES, store -> {
            var minutes = new ArrayList<MinuteFigures>((int) (last - first + 1));
            var next = first;
            try (var stored = store.range(first, last)) {
                while (stored.hasNext()) {
                    var minute = stored.next();
                    for (; next < minute.key; next++) {
                        minutes.add(new MinuteFigures(startOf(next), Figures.NONE));
                    }
                    minutes.add(new MinuteFigures(startOf(minute.key), minute.value));
                    next = minute.key + 1;
                }
            }
            for (; next <= last; next++) {
                minutes.add(new MinuteFigures(startOf(next), Figures.NONE));
            }
            return minutes;
        });
    }

    public Optional<UserFigures> user(long userId) {
        return Optional.ofNullable(
                this.<Long, UserFigures, UserFigures>read(AnalyticsStores.USERS, store -> store.get(userId)));
    }

    /** The users with the largest volume on {@code side} in the top window, largest first. */
    public List<TopEntry> top(Side side) {
        var smallestFirst = new PriorityQueue<TopEntry>(TopEntry.RANKING.reversed());
        this.<String, Long, PriorityQueue<TopEntry>>read(AnalyticsStores.WINDOW_VOLUMES, store -> {
            try (var volumes = store.prefixScan(AnalyticsStores.sidePrefix(side), new StringSerializer())) {
                volumes.forEachRemaining(volume -> {
                    smallestFirst.add(new TopEntry(AnalyticsStores.userIdOf(volume.key), volume.value));
                    if (smallestFirst.size() > topSize) {
                        smallestFirst.poll();
                    }
                });
            }
            return smallestFirst;
        });
        var top = new ArrayList<>(smallestFirst);
        top.sort(TopEntry.RANKING);
        return top;
    }

    /**
     * Runs {@code query} on the store; a store that is not there or stops being readable meanwhile (a rebalance, a
     * restore) turns into {@link FiguresUnavailableException}, as the store is only checked when it is used.
     */
    private <K, V, T> T read(String name, Function<ReadOnlyKeyValueStore<K, V>, T> query) {
        var kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            throw new FiguresUnavailableException("the Kafka Streams application has not started");
        }
        var state = kafkaStreams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new FiguresUnavailableException("the Kafka Streams application is " + state);
        }
        try {
            return query.apply(kafkaStreams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())));
        } catch (InvalidStateStoreException e) {
            var holder = activeHolder(kafkaStreams);
            if (holder != null && !holder.equals(self)) {
                throw new FiguresElsewhereException(holder);
            }
            throw new FiguresUnavailableException("the figures are being restored (" + e.getMessage() + ")");
        }
    }

    /**
     * The instance whose task holds the figures, as the group's last assignment says; null when unknown. Every store
     * belongs to the one aggregating task, so the holder of the totals holds them all.
     */
    private static HostInfo activeHolder(KafkaStreams kafkaStreams) {
        var metadata = kafkaStreams.queryMetadataForKey(
                AnalyticsStores.TOTALS, AnalyticsStores.TOTALS_KEY, new StringSerializer());
        if (metadata == null
                || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                || metadata.activeHost().equals(HostInfo.unavailable())) {
            return null;
        }
        return metadata.activeHost();
    }

    private static Instant startOf(long epochMinute) {
        return Instant.ofEpochMilli(epochMinute * MINUTE_MILLIS);
    }

    /** One minute's figures; {@code start} is the minute's first instant. */
    public record MinuteFigures(Instant start, Figures figures) {}
}
