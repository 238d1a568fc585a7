package app.miniwallet.notifier.feed.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.notifier.feed.FeedEntries;
import app.miniwallet.notifier.feed.FeedStore;
import app.miniwallet.notifier.kafka.EventReader;
import app.miniwallet.notifier.people.Users;
import app.miniwallet.platform.tracing.Traces;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns transfer events into feed messages. One consumer group for all instances: each event is
 * stored once, and every instance learns about it from PostgreSQL, not from Kafka. A poll's events
 * are stored in one transaction; the offsets are committed after it, so a crash in between makes the
 * events come again, and the store recognises them.
 *
 * <p>Each event's work continues the trace its record's {@code traceparent} header carries, the transfer's trace
 * since the api accepted it; the line logged about it names the trace and the transfer.
 */
@Component
class FeedEventListener {

    private static final Logger log = LoggerFactory.getLogger(FeedEventListener.class);

    private final EventReader reader;
    private final Users users;
    private final FeedStore store;
    private final Traces traces;

    FeedEventListener(EventReader reader, Users users, FeedStore store, Traces traces) {
        this.reader = reader;
        this.users = users;
        this.store = store;
        this.traces = traces;
    }

    @KafkaListener(
            id = "notifier-feed",
            topics = Topics.TRANSFER_EVENTS,
            batch = "true",
            concurrency = "${wallet.notifier.feed.concurrency}")
    void onEvents(List<ConsumerRecord<String, String>> records) {
        var read = reader.readEach(records, TransferEvent.class);
        var work = read.stream()
                .map(each -> traces.continueFrom(each.record(), "feed store"))
                .toList();
        var events = read.stream().map(EventReader.Read::event).toList();
        var parties = new HashSet<AccountId>();
        events.forEach(event -> parties.addAll(FeedEntries.partiesOf(event)));
        var known = users.find(parties);
        var entries = events.stream()
                .flatMap(event -> FeedEntries.of(event, known).stream())
                .toList();
        var stored = store.append(entries);
        log.debug(
                "{} transfer events: {} feed messages stored, {} already there",
                events.size(),
                stored.size(),
                entries.size() - stored.size());
        var storedPerEvent = stored.stream()
                .collect(Collectors.groupingBy(message -> message.entry().eventId(), Collectors.counting()));
        for (int i = 0; i < events.size(); i++) {
            var event = events.get(i);
            try (var context = work.get(i).open(event.transferId())) {
                log.info(
                        "Transfer {} {}: {} feed messages stored",
                        event.transferId(),
                        event.getClass().getSimpleName(),
                        storedPerEvent.getOrDefault(event.eventId(), 0L));
            }
            // a batch that fails before here leaves its spans unended: nothing keeps or exports them
            work.get(i).end();
        }
    }
}
