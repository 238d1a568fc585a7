package app.miniwallet.api.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The transfers table, as the API writes (accept) and reads (status) it. */
@Repository
class Transfers {

    private static final String COLUMNS = "id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor,"
            + " status, reason, request_fingerprint, created_at, completed_at";

    private final JdbcClient jdbc;

    Transfers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPending(Transfer transfer, String idempotencyKey) {
        jdbc.sql(
                        """
                        insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor,
                                               fee_minor, status, idempotency_key, request_fingerprint, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
                .params(
                        transfer.id().value(),
                        transfer.kind().name(),
                        transfer.requestedBy().value(),
                        transfer.senderId().value(),
                        transfer.receiverId().value(),
                        transfer.amount().minor(),
                        transfer.fee().minor(),
                        idempotencyKey,
                        transfer.requestFingerprint(),
                        Timestamp.from(transfer.createdAt()))
                .update();
    }

    Optional<Transfer> findById(TransferId id) {
        return jdbc.sql("select " + COLUMNS + " from transfers where id = ?")
                .param(id.value())
                .query(Transfers::map)
                .optional();
    }

    Optional<Transfer> findByIdempotencyKey(AccountId requestedBy, String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from transfers where requested_by = ? and idempotency_key = ?")
                .params(requestedBy.value(), idempotencyKey)
                .query(Transfers::map)
                .optional();
    }

    private static Transfer map(ResultSet row, int rowNumber) throws SQLException {
        var reason = row.getString("reason");
        var completedAt = row.getTimestamp("completed_at");
        return new Transfer(
                TransferId.of(row.getObject("id", java.util.UUID.class)),
                TransferKind.valueOf(row.getString("kind")),
                AccountId.of(row.getLong("requested_by")),
                AccountId.of(row.getLong("sender_id")),
                AccountId.of(row.getLong("receiver_id")),
                Money.ofMinor(row.getLong("amount_minor")),
                Money.ofMinor(row.getLong("fee_minor")),
                TransferStatus.valueOf(row.getString("status")),
                reason == null ? null : RejectionReason.valueOf(reason),
                row.getString("request_fingerprint"),
                row.getTimestamp("created_at").toInstant(),
                completedAt == null ? null : completedAt.toInstant());
    }
}
