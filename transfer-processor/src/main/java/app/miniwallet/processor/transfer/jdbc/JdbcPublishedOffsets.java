package app.miniwallet.processor.transfer.jdbc;

import app.miniwallet.processor.transfer.PublishedOffsets;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link PublishedOffsets} in {@code published_request_offsets}, raised in one statement in its own transaction. */
class JdbcPublishedOffsets implements PublishedOffsets {

    private static final String RAISE =
            """
            insert into published_request_offsets (request_partition, next_offset)
            select * from unnest(?::integer[], ?::bigint[])
                on conflict (request_partition) do update
               set next_offset = greatest(published_request_offsets.next_offset, excluded.next_offset)
            returning request_partition, next_offset
            """;

    private final JdbcClient jdbc;

    JdbcPublishedOffsets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Integer, Long> raise(Map<Integer, Long> committed) {
        var partitions = committed.keySet().toArray(Integer[]::new);
        var offsets = new Long[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            offsets[i] = committed.get(partitions[i]);
        }
        var known = new HashMap<Integer, Long>();
        jdbc.sql(RAISE).params(partitions, offsets).query((ResultSet row) -> {
            known.put(row.getInt("request_partition"), row.getLong("next_offset"));
        });
        return known;
    }
}
