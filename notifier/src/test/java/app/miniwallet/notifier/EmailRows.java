package app.miniwallet.notifier;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the email bookkeeping: what was taken on, what still waits for SMTP. */
final class EmailRows {

    private static final JdbcClient jdbc =
            JdbcClient.create(WalletTestStack.shared().dataSource());

    private EmailRows() {}

    static int deliveriesOf(UUID eventId) {
        return jdbc.sql("select count(*) from delivered_notifications where event_id = ? and channel = 'EMAIL'")
                .param(eventId)
                .query(Integer.class)
                .single();
    }

    /** Attempts made so far for the pending email to this address; -1 when none is pending. */
    static int pendingAttemptsFor(String address) {
        return jdbc.sql("select coalesce(max(attempts), -1) from pending_emails where recipient = lower(?)")
                .param(address)
                .query(Integer.class)
                .single();
    }
}
