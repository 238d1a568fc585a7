package app.miniwallet.analytics.streams;

import static app.miniwallet.analytics.streams.AnalyticsStores.minutePrefix;
import static app.miniwallet.analytics.streams.AnalyticsStores.minuteSideKey;
import static app.miniwallet.analytics.streams.AnalyticsStores.sideKey;

import app.miniwallet.analytics.figures.Figures;
import app.miniwallet.analytics.figures.Side;
import app.miniwallet.analytics.figures.UserFigures;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferKind;
import java.time.Duration;
import java.util.ArrayList;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds each transfer result to every figure, once: an event id already counted is skipped, so a record on the topic
 * twice (re-sent by a producer outside a transaction, or copied there by hand) counts once. All the stores it writes
 * belong to its task, and under exactly-once the task commits their changelogs together with its input offsets, so
 * after a crash the figures are those of exactly the events before the last commit, and the rest are read again.
 */
final class TransferEventAggregator implements Processor<String, TransferEvent, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(TransferEventAggregator.class);
    private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final Duration WINDOW_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final long windowMinutes;

    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Long> seenEvents;
    private KeyValueStore<String, Figures> totals;
    private KeyValueStore<Long, Figures> minutes;
    private KeyValueStore<Long, UserFigures> users;
    private KeyValueStore<String, Long> windowVolumes;
    private KeyValueStore<String, Long> windowMinuteVolumes;

    TransferEventAggregator(Duration topWindow) {
        this.windowMinutes = topWindow.toMinutes();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        seenEvents = context.getStateStore(AnalyticsStores.SEEN_EVENTS);
        totals = context.getStateStore(AnalyticsStores.TOTALS);
        minutes = context.getStateStore(AnalyticsStores.MINUTES);
        users = context.getStateStore(AnalyticsStores.USERS);
        windowVolumes = context.getStateStore(AnalyticsStores.WINDOW_VOLUMES);
        windowMinuteVolumes = context.getStateStore(AnalyticsStores.WINDOW_MINUTES);
        // wall-clock time: "the last hour" is the hour before now, also while no event arrives
        context.schedule(WINDOW_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetMinutesOutsideTheWindow);
    }

    @Override
    public void process(Record<String, TransferEvent> record) {
        var event = record.value();
        if (event == null) {
            return;
        }
        var eventId = event.eventId().toString();
        if (seenEvents.get(eventId) != null) {
            log.debug("Event {} of transfer {} was counted already", eventId, event.transferId());
            return;
        }
        seenEvents.put(eventId, event.occurredAt().toEpochMilli());

        var figures = Figures.of(event);
        totals.put(
                AnalyticsStores.TOTALS_KEY,
                orNone(totals.get(AnalyticsStores.TOTALS_KEY)).plus(figures));
        var minute = Math.floorDiv(event.occurredAt().toEpochMilli(), MINUTE_MILLIS);
        minutes.put(minute, orNone(minutes.get(minute)).plus(figures));
        UserFigures.of(event).forEach((user, added) -> {
            var known = users.get(user.value());
            users.put(user.value(), known == null ? added : known.plus(added));
        });
        if (event instanceof TransferCompleted transfer
                && transfer.kind() == TransferKind.TRANSFER
                && minute >= firstMinuteOfTheWindow()) {
            for (var side : Side.values()) {
                var user = side.of(transfer).value();
                add(windowMinuteVolumes, minuteSideKey(minute, side, user), transfer.amountMinor());
                add(windowVolumes, sideKey(side, user), transfer.amountMinor());
            }
        }
    }

    /** Takes the volumes of the minutes that have left the window out of the users' window volumes. */
    private void forgetMinutesOutsideTheWindow(long now) {
        var leaving = new ArrayList<KeyValue<String, Long>>();
        try (var minutesBefore = windowMinuteVolumes.range(minutePrefix(0), minutePrefix(firstMinuteOfTheWindow()))) {
            minutesBefore.forEachRemaining(leaving::add);
        }
        for (var minuteVolume : leaving) {
            windowMinuteVolumes.delete(minuteVolume.key);
            var sideKey = minuteVolume.key.substring(minutePrefix(0).length());
            var remaining = orZero(windowVolumes.get(sideKey)) - minuteVolume.value;
            if (remaining == 0) {
                windowVolumes.delete(sideKey);
            } else {
                windowVolumes.put(sideKey, remaining);
            }
        }
    }

    private long firstMinuteOfTheWindow() {
        return Math.floorDiv(context.currentSystemTimeMs(), MINUTE_MILLIS) - windowMinutes + 1;
    }

    private static void add(KeyValueStore<String, Long> store, String key, long amount) {
        var known = store.get(key);
        store.put(key, known == null ? amount : Math.addExact(known, amount));
    }

    private static long orZero(Long volume) {
        return volume == null ? 0 : volume;
    }

    private static Figures orNone(Figures figures) {
        return figures == null ? Figures.NONE : figures;
    }
}
