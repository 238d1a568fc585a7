package app.miniwallet.notifier;

import app.miniwallet.notifier.postgres.PostgresArray;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the email bookkeeping: what was taken on, what still waits for SMTP. */
final class EmailRows {

    private static final JdbcClient jdbc =
            JdbcClient.create(WalletTestStack.shared().dataSource());

    private EmailRows() {}

    /** An email waiting in {@code pending_emails}, as the email consumer takes one on. */
    record WaitingEmail(UUID eventId, String recipient) {}

    /**
     * Takes on {@code count} emails at once, one to each of {@code recipient-1@domain} … {@code recipient-count@domain},
     * in one transaction, and wakes the senders as the email consumer does.
     */
    static List<WaitingEmail> waiting(int count, String domain) {
        var emails = IntStream.rangeClosed(1, count)
                .mapToObj(number -> new WaitingEmail(UUID.randomUUID(), "recipient-" + number + "@" + domain))
                .toList();
        var events = emails.stream().map(WaitingEmail::eventId).toArray(UUID[]::new);
        var recipients = emails.stream().map(WaitingEmail::recipient).toArray(String[]::new);
        jdbc.sql(
                        """
                        with delivery as (
                            insert into delivered_notifications (event_id, channel, recipient)
                            select event_id, 'EMAIL', recipient from unnest(?, ?) as e (event_id, recipient)
                            returning event_id, recipient),
                        pending as (
                            insert into pending_emails (event_id, recipient, recipient_name, subject, text_body, html_body)
                            select event_id, recipient, 'Reader ' || recipient, 'Receipt for ' || recipient,
                                   'A receipt.', '<p>A receipt.</p>'
                            from delivery
                            returning id)
                        select count(pg_notify('notifier_email', '')) from pending""")
                .params(PostgresArray.of("uuid", events), PostgresArray.of("varchar", recipients))
                .query(Long.class)
                .single();
        return emails;
    }

    /** Emails to addresses at {@code domain} still waiting for SMTP. */
    static int pendingAt(String domain) {
        return jdbc.sql("select count(*) from pending_emails where recipient like ?")
                .param("%@" + domain)
                .query(Integer.class)
                .single();
    }

    /** The last error SMTP gave for the pending email to this address, or null. */
    static String lastErrorFor(String address) {
        return jdbc.sql("select max(last_error) from pending_emails where recipient = lower(?)")
                .param(address)
                .query(String.class)
                .optional()
                .orElse(null);
    }

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
