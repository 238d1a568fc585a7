package app.miniwallet.api.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The transfers table, as the API writes (accept) and reads (status) it. */
@Repository
class Transfers {

    private static final String COLUMNS = "id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor,"
            + " status, reason, request_fingerprint, created_at, completed_at";

    /** The advisory lock namespace of requesters' submission turns. */
    static final int SUBMISSION_TURNS = 0x7472_6e73;

    private final JdbcClient jdbc;

    Transfers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits until no other transaction is submitting for these requesters, and holds their turns until this
     * transaction ends: transaction-scoped advisory locks, taken in key order so that two writers never deadlock;
     * they conflict with nothing else. Returns the database's clock read once every turn is taken: one clock for
     * every api instance, so acceptance times follow the turns whatever the instances' own clocks say.
     */
    Instant takeTurnsOf(List<AccountId> requesters) {
        var ids = requesters.stream().map(AccountId::value).distinct().toArray(Long[]::new);
        return jdbc.sql(
                        """
                        with turns as (
                            select pg_advisory_xact_lock(?, turn)
                              from (select distinct hashint8(r) as turn from unnest(?::bigint[]) r order by 1) requesters
                        )
                        select clock_timestamp() from (select count(*) from turns) taken""")
                .params(SUBMISSION_TURNS, ids)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    /**
     * Inserts the transfers in one statement, each with its status (PENDING, or AWAITING_PAYMENT for a top-up that
     * waits for its payment); returns the ids of those inserted. A transfer whose idempotency key its requester
     * already used is left out: a concurrent retry was written first.
     *
     * @param idempotencyKeys one per transfer, in the same order; null where the request had none
     */
    Set<TransferId> insertAccepted(List<Transfer> transfers, List<String> idempotencyKeys) {
        return jdbc.sql(
                        """
                        insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor,
                                               status, idempotency_key, request_fingerprint, created_at)
                        select t.id, t.kind, t.requested_by, t.sender_id, t.receiver_id, t.amount_minor, t.fee_minor,
                               t.status, t.idempotency_key, t.request_fingerprint, t.created_at
                          from unnest(?::uuid[], ?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                                      ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
                               with ordinality as t(id, kind, requested_by, sender_id, receiver_id, amount_minor,
                                                    fee_minor, status, idempotency_key, request_fingerprint,
                                                    created_at, n)
                         order by t.n
                        on conflict (requested_by, idempotency_key) where idempotency_key is not null do nothing
                        returning id""")
                .params(
                        transfers.stream()
                                .map(transfer -> transfer.id().value())
                                .toArray(UUID[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.kind().name())
                                .toArray(String[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.requestedBy().value())
                                .toArray(Long[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.senderId().value())
                                .toArray(Long[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.receiverId().value())
                                .toArray(Long[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.amount().minor())
                                .toArray(Long[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.fee().minor())
                                .toArray(Long[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.status().name())
                                .toArray(String[]::new),
                        idempotencyKeys.toArray(String[]::new),
                        transfers.stream().map(Transfer::requestFingerprint).toArray(String[]::new),
                        transfers.stream()
                                .map(transfer -> transfer.createdAt().toString())
                                .toArray(String[]::new))
                .query((row, rowNumber) -> TransferId.of(row.getObject(1, UUID.class)))
                .set();
    }

    /**
     * What the user topped up since the given moment, and every top-up still awaiting its payment whatever its age:
     * it can still be paid, and its acceptance time is the moment it is paid, so a checkout opened days ago and paid
     * now counts now. So a user cannot open more checkouts than the limit allows, nor pay old ones beyond it.
     */
    Money topUpsSince(AccountId user, Instant since) {
        return Money.ofMinor(jdbc.sql(
                        """
                        select coalesce(sum(amount_minor), 0) from transfers
                         where receiver_id = ? and kind = 'TOP_UP' and status <> 'REJECTED'
                           and (created_at >= ? or status = 'AWAITING_PAYMENT')""")
                .params(user.value(), since.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single());
    }

    /** The top-up, locked until this transaction ends; empty when there is no top-up with this id. */
    Optional<Transfer> lockTopUp(TransferId id) {
        return jdbc.sql("select " + COLUMNS + " from transfers where id = ? and kind = 'TOP_UP' for update")
                .param(id.value())
                .query(Transfers::map)
                .optional();
    }

    /**
     * Moves a top-up that awaited its payment into the pipeline: PENDING, accepted now; with a reason when the
     * payment was declined, which the processor then records as the rejection.
     */
    void enterPipeline(Transfer topUp) {
        jdbc.sql(
                        """
                        update transfers set status = 'PENDING', reason = ?, created_at = ?
                         where id = ? and status = 'AWAITING_PAYMENT'""")
                .params(
                        topUp.reason() == null ? null : topUp.reason().name(),
                        topUp.createdAt().atOffset(ZoneOffset.UTC),
                        topUp.id().value())
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
