package app.miniwallet.notifier.feed;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.notifier.feed.FeedEntry.Counterparty;
import app.miniwallet.notifier.postgres.PostgresArray;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every user's feed in PostgreSQL: numbered without gaps, each event at most once per user, only the
 * newest {@code history} messages kept. Storing wakes every notifier instance through
 * {@code pg_notify}, which PostgreSQL delivers when the transaction commits, so an instance never
 * looks for a message before it is visible.
 */
@Component
public class FeedStore {

    /** The NOTIFY channel; the payload is {@code <user id>:<last seq>}. */
    public static final String CHANNEL = "notifier_feed";

    private final JdbcClient jdbc;
    private final int history;

    FeedStore(JdbcClient jdbc, NotifierSettings settings) {
        this.jdbc = jdbc;
        this.history = settings.feed().history();
    }

    /**
     * Stores the entries that are not stored yet, in the given order, and returns them numbered.
     *
     * <p>The numbers come from one counter row per user, incremented by the number of new entries in
     * one upsert (rows taken in user id order, so concurrent batches cannot deadlock). An entry stored
     * concurrently by another consumer (a partition's old owner still finishing after a rebalance)
     * makes the unique index refuse this whole transaction, counters included, so no number is lost;
     * the retried batch then finds the entry and skips it.
     */
    @Transactional
    public List<FeedMessage> append(List<FeedEntry> entries) {
        var fresh = notStoredYet(entries);
        if (fresh.isEmpty()) {
            return List.of();
        }
        var counts = new TreeMap<Long, Long>();
        fresh.forEach(entry -> counts.merge(entry.userId().value(), 1L, Long::sum));
        var lastSeqs = takeNumbers(counts);

        var nextSeq = new TreeMap<Long, Long>();
        lastSeqs.forEach((user, last) -> nextSeq.put(user, last - counts.get(user) + 1));
        var messages = new ArrayList<FeedMessage>(fresh.size());
        for (var entry : fresh) {
            long seq = nextSeq.merge(entry.userId().value(), 1L, Long::sum) - 1;
            messages.add(new FeedMessage(seq, entry));
        }
        insert(messages);
        prune(lastSeqs);
        notifyInstances(lastSeqs);
        return messages;
    }

    /** Up to {@code limit} messages of the user numbered above {@code seq}, in order. */
    public List<FeedMessage> after(AccountId user, long seq, int limit) {
        return jdbc.sql(
                        """
                        select * from feed_messages where user_id = ? and seq > ?
                        order by seq limit ?""")
                .params(user.value(), seq, limit)
                .query((row, number) -> message(row))
                .list();
    }

    /** The number of the user's newest message; 0 before their first. */
    public long lastSeq(AccountId user) {
        return jdbc.sql("select last_seq from feed_counters where user_id = ?")
                .param(user.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    private List<FeedEntry> notStoredYet(List<FeedEntry> entries) {
        var users = entries.stream().map(entry -> entry.userId().value()).toArray(Long[]::new);
        var events = entries.stream().map(FeedEntry::eventId).toArray(UUID[]::new);
        var stored = new HashSet<>(jdbc.sql(
                        """
                        select f.user_id, f.event_id from feed_messages f
                        join unnest(?, ?) as wanted (user_id, event_id)
                          on f.user_id = wanted.user_id and f.event_id = wanted.event_id""")
                .params(PostgresArray.of("bigint", users), PostgresArray.of("uuid", events))
                .query((row, number) -> row.getLong("user_id") + "/" + row.getObject("event_id", UUID.class))
                .list());
        // a batch can hold the same event twice (a duplicate right behind the original)
        return entries.stream()
                .filter(entry -> stored.add(entry.userId().value() + "/" + entry.eventId()))
                .toList();
    }

    private Map<Long, Long> takeNumbers(TreeMap<Long, Long> counts) {
        return jdbc
                .sql(
                        """
                        insert into feed_counters as counter (user_id, last_seq)
                        select user_id, added from unnest(?, ?) as taken (user_id, added) order by user_id
                        on conflict (user_id) do update set last_seq = counter.last_seq + excluded.last_seq
                        returning user_id, last_seq""")
                .params(
                        PostgresArray.of("bigint", counts.keySet().toArray(Long[]::new)),
                        PostgresArray.of("bigint", counts.values().toArray(Long[]::new)))
                .query((row, number) -> Map.entry(row.getLong("user_id"), row.getLong("last_seq")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void insert(List<FeedMessage> messages) {
        int size = messages.size();
        var users = new Long[size];
        var seqs = new Long[size];
        var events = new UUID[size];
        var transfers = new UUID[size];
        var statuses = new String[size];
        var directions = new String[size];
        var amounts = new Long[size];
        var fees = new Long[size];
        var counterparties = new Long[size];
        var counterpartyNames = new String[size];
        var balances = new Long[size];
        var reasons = new String[size];
        // ISO-8601 with Z: PostgreSQL reads the instant whatever the session's time zone
        var occurredAt = new String[size];
        for (int i = 0; i < size; i++) {
            var entry = messages.get(i).entry();
            users[i] = entry.userId().value();
            seqs[i] = messages.get(i).seq();
            events[i] = entry.eventId();
            transfers[i] = entry.transferId().value();
            statuses[i] = entry.status().name();
            directions[i] = entry.direction().name();
            amounts[i] = entry.amount().minor();
            fees[i] = entry.fee().minor();
            counterparties[i] = entry.counterparty().id().value();
            counterpartyNames[i] = entry.counterparty().name();
            balances[i] = entry.balance() == null ? null : entry.balance().minor();
            reasons[i] = entry.reason();
            occurredAt[i] = entry.occurredAt().toString();
        }
        jdbc.sql(
                        """
                        insert into feed_messages (user_id, seq, event_id, transfer_id, status, direction, amount_minor,
                                                   fee_minor, counterparty_id, counterparty_name, balance_minor, reason,
                                                   occurred_at)
                        select * from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        PostgresArray.of("bigint", users),
                        PostgresArray.of("bigint", seqs),
                        PostgresArray.of("uuid", events),
                        PostgresArray.of("uuid", transfers),
                        PostgresArray.of("varchar", statuses),
                        PostgresArray.of("varchar", directions),
                        PostgresArray.of("bigint", amounts),
                        PostgresArray.of("bigint", fees),
                        PostgresArray.of("bigint", counterparties),
                        PostgresArray.of("varchar", counterpartyNames),
                        PostgresArray.of("bigint", balances),
                        PostgresArray.of("varchar", reasons),
                        PostgresArray.of("timestamptz", occurredAt))
                .update();
    }

    private void prune(Map<Long, Long> lastSeqs) {
        var users = lastSeqs.keySet().toArray(Long[]::new);
        var keepAfter = lastSeqs.keySet().stream()
                .map(user -> lastSeqs.get(user) - history)
                .toArray(Long[]::new);
        jdbc.sql(
                        """
                        delete from feed_messages f using unnest(?, ?) as kept (user_id, keep_after)
                        where f.user_id = kept.user_id and f.seq <= kept.keep_after""")
                .params(PostgresArray.of("bigint", users), PostgresArray.of("bigint", keepAfter))
                .update();
    }

    private void notifyInstances(Map<Long, Long> lastSeqs) {
        var payloads = lastSeqs.entrySet().stream()
                .map(last -> last.getKey() + ":" + last.getValue())
                .toArray(String[]::new);
        jdbc.sql("select count(pg_notify(?, payload)) from unnest(?) as payload")
                .params(CHANNEL, PostgresArray.of("text", payloads))
                .query(Long.class)
                .single();
    }

    private static FeedMessage message(ResultSet row) throws SQLException {
        var balance = row.getObject("balance_minor", Long.class);
        return new FeedMessage(
                row.getLong("seq"),
                new FeedEntry(
                        AccountId.of(row.getLong("user_id")),
                        row.getObject("event_id", UUID.class),
                        TransferId.of(row.getObject("transfer_id", UUID.class)),
                        TransferStatus.valueOf(row.getString("status")),
                        Direction.valueOf(row.getString("direction")),
                        Money.ofMinor(row.getLong("amount_minor")),
                        Money.ofMinor(row.getLong("fee_minor")),
                        new Counterparty(
                                AccountId.of(row.getLong("counterparty_id")), row.getString("counterparty_name")),
                        balance == null ? null : Money.ofMinor(balance),
                        row.getString("reason"),
                        row.getTimestamp("occurred_at").toInstant()));
    }
}
