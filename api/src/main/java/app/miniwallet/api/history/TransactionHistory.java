package app.miniwallet.api.history;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One user's transfers in both directions, newest first, a page at a time with a keyset cursor: each
 * direction is an index range scan from the cursor on, so page 10,000 costs what page 1 costs.
 * What a user sent (or topped up) shows at every stage; what someone else sent them only once it
 * reached them (COMPLETED), as {@code GET /api/transfers/{id}} does (see {@code Transfer.isVisibleTo}).
 * That filter is checked on the rows the receiver index yields, not in the index: putting {@code status}
 * in an index would cost the processor its HOT updates of {@code transfers} (V4).
 */
@Component
public class TransactionHistory {

    public static final int MAX_PAGE_SIZE = 100;

    private static final String TOP_UP_COUNTERPARTY = "Top-up";

    private final JdbcClient jdbc;

    TransactionHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public enum Direction {
        SENT,
        RECEIVED,
        TOP_UP
    }

    public record Entry(
            TransferId id,
            Direction direction,
            String status,
            String reason,
            Money amount,
            Money fee,
            AccountId counterpartyId,
            String counterpartyName,
            Instant createdAt,
            Instant completedAt) {}

    public record Page(List<Entry> entries, Optional<Cursor> next) {}

    /** Where a page ends: the (created_at, id) of its last entry. */
    public record Cursor(Instant createdAt, UUID id) {

        static final Cursor START = new Cursor(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1, -1));

        public String encode() {
            var micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((micros + "_" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** Empty for anything that is not a cursor this API handed out. */
        public static Optional<Cursor> decode(String text) {
            try {
                var parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("_", 2);
                var createdAt = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
                return Optional.of(new Cursor(createdAt, UUID.fromString(parts[1])));
            } catch (RuntimeException notACursor) {
                return Optional.empty();
            }
        }
    }

    public Page page(AccountId account, int size, Optional<Cursor> after) {
        var from = after.orElse(Cursor.START);
        var rows = jdbc.sql(
                        """
                        select t.id, t.kind, t.status, t.reason, t.sender_id, t.receiver_id, t.amount_minor,
                               t.fee_minor, t.created_at, t.completed_at, u.name as counterparty_name
                        from ((select * from transfers
                               where sender_id = :account and (created_at, id) < (:created_at, :id)
                               order by created_at desc, id desc limit :limit)
                              union all
                              (select * from transfers
                               where receiver_id = :account and (created_at, id) < (:created_at, :id)
                                 and (status = 'COMPLETED' or requested_by = :account)
                               order by created_at desc, id desc limit :limit)) t
                        left join users u
                               on u.id = case when t.sender_id = :account then t.receiver_id else t.sender_id end
                        order by t.created_at desc, t.id desc
                        limit :limit""")
                .param("account", account.value())
                .param("created_at", Timestamp.from(from.createdAt()))
                .param("id", from.id())
                .param("limit", size + 1)
                .query((row, number) -> entry(account, row))
                .list();
        if (rows.size() <= size) {
            return new Page(rows, Optional.empty());
        }
        var page = rows.subList(0, size);
        var last = page.get(size - 1);
        return new Page(page, Optional.of(new Cursor(last.createdAt(), last.id().value())));
    }

    private static Entry entry(AccountId account, ResultSet row) throws SQLException {
        var sender = AccountId.of(row.getLong("sender_id"));
        var receiver = AccountId.of(row.getLong("receiver_id"));
        var direction = TransferKind.valueOf(row.getString("kind")) == TransferKind.TOP_UP
                ? Direction.TOP_UP
                : sender.equals(account) ? Direction.SENT : Direction.RECEIVED;
        var completedAt = row.getTimestamp("completed_at");
        return new Entry(
                TransferId.of(row.getObject("id", UUID.class)),
                direction,
                row.getString("status"),
                row.getString("reason"),
                Money.ofMinor(row.getLong("amount_minor")),
                // only the sender pays a fee
                direction == Direction.SENT ? Money.ofMinor(row.getLong("fee_minor")) : Money.ZERO,
                direction == Direction.SENT ? receiver : sender,
                direction == Direction.TOP_UP ? TOP_UP_COUNTERPARTY : row.getString("counterparty_name"),
                row.getTimestamp("created_at").toInstant(),
                completedAt == null ? null : completedAt.toInstant());
    }
}
