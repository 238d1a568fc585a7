package app.miniwallet.loadtests.seedservice;

import app.miniwallet.contracts.transfer.TransferId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The seeds' transfer, decided inside the request: one transaction locks both users ordered by id, checks, debits the
 * sender the amount and the fee, credits the receiver the amount, writes one ledger row and commits. Locking in id
 * order makes two opposite transfers between the same users wait for each other instead of deadlocking.
 */
@Service
class Transfers {

    /** What a transfer came to. A rejection is an answer, not an error: nothing was written. */
    sealed interface Outcome {}

    record Completed(UUID id, long senderId, long receiverId, long amountMinor, long feeMinor) implements Outcome {}

    record Rejected(Reason reason) implements Outcome {}

    enum Reason {
        SAME_ACCOUNT,
        UNKNOWN_SENDER,
        UNKNOWN_RECEIVER,
        INSUFFICIENT_FUNDS
    }

    private final JdbcClient jdbc;

    Transfers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** 1.5% of the amount, rounded half-up to the cent: the seeds' rule, as the pgbench baseline computes it. */
    static long feeMinor(long amountMinor) {
        return (amountMinor * 15 + 500) / 1000;
    }

    @Transactional
    public Outcome transfer(long senderId, long receiverId, long amountMinor) {
        if (senderId == receiverId) {
            return new Rejected(Reason.SAME_ACCOUNT);
        }
        Long senderBalance = null;
        var receiverFound = false;
        var locked = jdbc.sql("select id, balance from seed_service.users where id in (?, ?) order by id for update")
                .params(senderId, receiverId)
                .query((row, number) -> new long[] {row.getLong(1), row.getLong(2)})
                .list();
        for (var user : locked) {
            if (user[0] == senderId) {
                senderBalance = user[1];
            } else {
                receiverFound = true;
            }
        }
        if (senderBalance == null) {
            return new Rejected(Reason.UNKNOWN_SENDER);
        }
        if (!receiverFound) {
            return new Rejected(Reason.UNKNOWN_RECEIVER);
        }
        var feeMinor = feeMinor(amountMinor);
        if (senderBalance < amountMinor + feeMinor) {
            return new Rejected(Reason.INSUFFICIENT_FUNDS);
        }
        jdbc.sql("update seed_service.users set balance = balance - ?, updated_at = now() where id = ?")
                .params(amountMinor + feeMinor, senderId)
                .update();
        jdbc.sql("update seed_service.users set balance = balance + ?, updated_at = now() where id = ?")
                .params(amountMinor, receiverId)
                .update();
        var id = TransferId.next().value();
        jdbc.sql(
                        "insert into seed_service.transactions (id, sender_id, receiver_id, amount, fee) values (?, ?, ?, ?, ?)")
                .params(id, senderId, receiverId, amountMinor, feeMinor)
                .update();
        return new Completed(id, senderId, receiverId, amountMinor, feeMinor);
    }
}
