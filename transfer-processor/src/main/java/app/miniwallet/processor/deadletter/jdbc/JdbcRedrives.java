package app.miniwallet.processor.deadletter.jdbc;

import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.deadletter.DeadLetterPosition;
import app.miniwallet.processor.deadletter.Redrive;
import app.miniwallet.processor.deadletter.Redrives;
import app.miniwallet.processor.transfer.RecordPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link Redrives} in {@code dead_letter_redrives}; each call is one statement. */
class JdbcRedrives implements Redrives {

    // in position order, so two claims over the same dead letters take their key locks in one order
    private static final String CLAIM =
            """
            insert into dead_letter_redrives (dlt_partition, dlt_offset)
            select c.dlt_partition, c.dlt_offset
              from unnest(?::integer[], ?::bigint[]) as c(dlt_partition, dlt_offset)
             order by c.dlt_partition, c.dlt_offset
                on conflict (dlt_partition, dlt_offset) do nothing
            returning dlt_partition, dlt_offset
            """;

    private static final String LANDED =
            """
            update dead_letter_redrives r
               set request_partition = l.request_partition, request_offset = l.request_offset
              from unnest(?::integer[], ?::bigint[], ?::integer[], ?::bigint[])
                   as l(dlt_partition, dlt_offset, request_partition, request_offset)
             where r.dlt_partition = l.dlt_partition and r.dlt_offset = l.dlt_offset
            returning r.dlt_partition, r.dlt_offset, r.redriven_at, r.request_partition, r.request_offset
            """;

    private static final String OF =
            """
            select r.dlt_partition, r.dlt_offset, r.redriven_at, r.request_partition, r.request_offset
              from dead_letter_redrives r
              join unnest(?::integer[], ?::bigint[]) as p(dlt_partition, dlt_offset)
                on r.dlt_partition = p.dlt_partition and r.dlt_offset = p.dlt_offset
            """;

    private static final String STATUS_OF = "select id, status from transfers where id = any(?::uuid[])";

    private final JdbcClient jdbc;

    JdbcRedrives(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<DeadLetterPosition> claim(Collection<DeadLetterPosition> deadLetters) {
        if (deadLetters.isEmpty()) {
            return List.of();
        }
        var sorted = deadLetters.stream().sorted().toList();
        return jdbc.sql(CLAIM)
                .params(partitions(sorted), offsets(sorted))
                .query((row, n) -> new DeadLetterPosition(row.getInt("dlt_partition"), row.getLong("dlt_offset")))
                .list();
    }

    @Override
    public List<Redrive> landed(Map<DeadLetterPosition, RecordPosition> copies) {
        var deadLetters = copies.keySet().stream().sorted().toList();
        var copyPartitions = new Integer[deadLetters.size()];
        var copyOffsets = new Long[deadLetters.size()];
        for (int i = 0; i < copyPartitions.length; i++) {
            var copy = copies.get(deadLetters.get(i));
            copyPartitions[i] = copy.partition();
            copyOffsets[i] = copy.offset();
        }
        var recorded = jdbc.sql(LANDED)
                .params(partitions(deadLetters), offsets(deadLetters), copyPartitions, copyOffsets)
                .query((row, n) -> redriveFrom(row))
                .list();
        if (recorded.size() != deadLetters.size()) {
            throw new IllegalStateException("only " + recorded.size() + " of " + deadLetters.size()
                    + " redriven dead letters were claimed; rolling the redrive back");
        }
        return recorded;
    }

    @Override
    public Map<DeadLetterPosition, Redrive> of(Collection<DeadLetterPosition> deadLetters) {
        var redrives = new HashMap<DeadLetterPosition, Redrive>();
        if (deadLetters.isEmpty()) {
            return redrives;
        }
        var list = List.copyOf(deadLetters);
        jdbc.sql(OF).params(partitions(list), offsets(list)).query((ResultSet row) -> {
            var redrive = redriveFrom(row);
            redrives.put(redrive.deadLetter(), redrive);
        });
        return redrives;
    }

    @Override
    public Map<TransferId, TransferStatus> statusOf(Collection<TransferId> transfers) {
        var statuses = new HashMap<TransferId, TransferStatus>();
        if (transfers.isEmpty()) {
            return statuses;
        }
        var ids = transfers.stream().map(TransferId::value).toArray(UUID[]::new);
        jdbc.sql(STATUS_OF).param(ids).query((ResultSet row) -> {
            statuses.put(
                    TransferId.of(row.getObject("id", UUID.class)), TransferStatus.valueOf(row.getString("status")));
        });
        return statuses;
    }

    private static Redrive redriveFrom(ResultSet row) throws SQLException {
        return new Redrive(
                new DeadLetterPosition(row.getInt("dlt_partition"), row.getLong("dlt_offset")),
                row.getObject("redriven_at", OffsetDateTime.class).toInstant(),
                new RecordPosition(row.getInt("request_partition"), row.getLong("request_offset")));
    }

    private static Integer[] partitions(List<DeadLetterPosition> positions) {
        return positions.stream().map(DeadLetterPosition::partition).toArray(Integer[]::new);
    }

    private static Long[] offsets(List<DeadLetterPosition> positions) {
        var offsets = new ArrayList<Long>(positions.size());
        positions.forEach(position -> offsets.add(position.offset()));
        return offsets.toArray(Long[]::new);
    }
}
