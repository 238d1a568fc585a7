package app.miniwallet.analytics;

import app.miniwallet.contracts.Topics;
import app.miniwallet.testsupport.kafka.TopicReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the figures must be, worked out apart from the service: every committed record of wallet.transfer-events read
 * with a plain read_committed consumer, read as untyped JSON (not the contract's records), each event id counted once,
 * amounts added as decimals. Records nobody can read are left out, as the service leaves them out.
 */
public final class TopicTally {

    private static final JsonMapper json = JsonMapper.builder().build();

    private long records;
    private long completed;
    private long rejected;
    private BigDecimal volume = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal topUps = BigDecimal.ZERO;
    private final Map<Long, BigDecimal> sent = new HashMap<>();
    private final Map<Long, BigDecimal> received = new HashMap<>();
    private final Map<Long, BigDecimal> toppedUp = new HashMap<>();
    private final Map<Long, BigDecimal> feesPaid = new HashMap<>();
    private final Map<Long, Long> rejectedOf = new HashMap<>();
    private final Map<Long, BigDecimal> sentInTheLastHour = new HashMap<>();
    private final Map<Long, BigDecimal> receivedInTheLastHour = new HashMap<>();
    private final long firstMinuteOfTheHour = Instant.now().getEpochSecond() / 60 - 59;

    private TopicTally() {}

    public static TopicTally of(String bootstrapServers) {
        var tally = new TopicTally();
        var seen = new HashSet<String>();
        // for read_committed, the end is the last stable offset: nothing still open is counted
        for (var record : TopicReader.readCommitted(bootstrapServers).readToEnd(Topics.TRANSFER_EVENTS)) {
            tally.records++;
            var event = readable(record.value());
            if (event != null && seen.add(event.get("event_id").asString())) {
                tally.add(event);
            }
        }
        return tally;
    }

    private static JsonNode readable(String value) {
        try {
            var event = value == null ? null : json.readTree(value);
            return event != null && event.hasNonNull("event_id") && event.hasNonNull("occurred_at") ? event : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void add(JsonNode event) {
        var amount = BigDecimal.valueOf(event.get("amount_minor").asLong(), 2);
        var fee = BigDecimal.valueOf(event.get("fee_minor").asLong(), 2);
        var sender = event.get("sender_id").asLong();
        var receiver = event.get("receiver_id").asLong();
        var topUp = "TOP_UP".equals(event.get("kind").asString());
        if ("TransferRejected".equals(event.get("event_type").asString())) {
            rejected++;
            rejectedOf.merge(topUp ? receiver : sender, 1L, Long::sum);
        } else if (topUp) {
            completed++;
            topUps = topUps.add(amount);
            toppedUp.merge(receiver, amount, BigDecimal::add);
        } else {
            completed++;
            volume = volume.add(amount);
            fees = fees.add(fee);
            sent.merge(sender, amount, BigDecimal::add);
            feesPaid.merge(sender, fee, BigDecimal::add);
            received.merge(receiver, amount, BigDecimal::add);
            if (Instant.parse(event.get("occurred_at").asString()).getEpochSecond() / 60 >= firstMinuteOfTheHour) {
                sentInTheLastHour.merge(sender, amount, BigDecimal::add);
                receivedInTheLastHour.merge(receiver, amount, BigDecimal::add);
            }
        }
    }

    /** Records read, duplicates included. */
    public long records() {
        return records;
    }

    /** What {@code GET /api/analytics/totals} must answer, in its words. */
    public Map<String, Object> totals() {
        var totals = new LinkedHashMap<String, Object>();
        totals.put("completed", completed);
        totals.put("rejected", rejected);
        totals.put("volume", volume.toPlainString());
        totals.put("fees", fees.toPlainString());
        totals.put("top_ups", topUps.toPlainString());
        return totals;
    }

    /** The money fields of {@code GET /api/analytics/users/{id}}, and its rejection count. */
    public Map<String, Object> user(long userId) {
        var zero = BigDecimal.ZERO.setScale(2);
        var user = new LinkedHashMap<String, Object>();
        var sentByUser = sent.getOrDefault(userId, zero);
        var receivedByUser = received.getOrDefault(userId, zero);
        var toppedUpByUser = toppedUp.getOrDefault(userId, zero);
        var feesOfUser = feesPaid.getOrDefault(userId, zero);
        user.put("sent", sentByUser.toPlainString());
        user.put("received", receivedByUser.toPlainString());
        user.put("topped_up", toppedUpByUser.toPlainString());
        user.put("fees_paid", feesOfUser.toPlainString());
        user.put(
                "net",
                receivedByUser
                        .add(toppedUpByUser)
                        .subtract(sentByUser)
                        .subtract(feesOfUser)
                        .toPlainString());
        user.put("rejected", rejectedOf.getOrDefault(userId, 0L));
        return user;
    }

    /**
     * The {@code users} of {@code GET /api/analytics/top?by=side}: "user_id volume" lines, largest volume first, equal
     * ones by user id.
     */
    public List<String> top(String side, int size) {
        var volumes = "sender".equals(side) ? sentInTheLastHour : receivedInTheLastHour;
        return volumes.entrySet().stream()
                .sorted(Map.Entry.<Long, BigDecimal>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(size)
                .map(entry -> entry.getKey() + " " + entry.getValue().toPlainString())
                .toList();
    }

    /** The answer's fields named in {@code expected}, as the same kinds of value. */
    public static Map<String, Object> pick(JsonNode answer, Map<String, Object> expected) {
        var picked = new LinkedHashMap<String, Object>();
        expected.forEach((name, value) -> {
            var field = answer.get(name);
            picked.put(name, field == null ? null : value instanceof Long ? (Object) field.asLong() : field.asString());
        });
        return picked;
    }
}
