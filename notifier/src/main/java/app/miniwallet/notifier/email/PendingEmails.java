package app.miniwallet.notifier.email;

import app.miniwallet.notifier.postgres.PostgresArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emails the notifier has taken on. Taking one on writes its {@code delivered_notifications} row
 * (channel EMAIL) and its {@code pending_emails} row in one transaction: the first row makes every
 * later copy of the event (a redelivery, another instance) find the email taken and add nothing, the
 * second keeps the email until SMTP has accepted it.
 */
@Component
class PendingEmails {

    /** NOTIFY channel: new emails are waiting. */
    static final String CHANNEL = "notifier_email";

    static final String EMAIL_CHANNEL = "EMAIL";

    /** Long enough to see what SMTP said, short enough for a column. */
    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    PendingEmails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Pending(
            long id,
            UUID eventId,
            String recipient,
            String recipientName,
            String subject,
            String text,
            String html,
            int attempts) {}

    /** The emails not yet accepted by SMTP, due or waiting for their next attempt, and how long the oldest has waited. */
    record Backlog(long emails, Duration oldest) {}

    /** Returns how many of the emails were new. */
    @Transactional
    public int takeOn(List<Email> emails) {
        var once = new HashSet<String>();
        var distinct = emails.stream()
                .filter(email -> once.add(email.eventId() + "/" + email.recipient()))
                .toList();
        if (distinct.isEmpty()) {
            return 0;
        }
        var taken = new HashSet<>(jdbc.sql(
                        """
                        insert into delivered_notifications (event_id, channel, recipient)
                        select event_id, ?, recipient from unnest(?, ?) as email (event_id, recipient)
                        on conflict (event_id, channel, recipient) do nothing
                        returning event_id, recipient""")
                .params(
                        EMAIL_CHANNEL,
                        PostgresArray.of(
                                "uuid", distinct.stream().map(Email::eventId).toArray(UUID[]::new)),
                        PostgresArray.of(
                                "varchar",
                                distinct.stream().map(Email::recipient).toArray(String[]::new)))
                .query((row, number) -> row.getObject("event_id", UUID.class) + "/" + row.getString("recipient"))
                .list());
        var fresh = distinct.stream()
                .filter(email -> taken.contains(email.eventId() + "/" + email.recipient()))
                .toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        jdbc.sql(
                        """
                        insert into pending_emails (event_id, recipient, recipient_name, subject, text_body, html_body)
                        select * from unnest(?, ?, ?, ?, ?, ?)""")
                .params(
                        PostgresArray.of(
                                "uuid", fresh.stream().map(Email::eventId).toArray(UUID[]::new)),
                        PostgresArray.of(
                                "varchar", fresh.stream().map(Email::recipient).toArray(String[]::new)),
                        PostgresArray.of(
                                "varchar",
                                fresh.stream().map(Email::recipientName).toArray(String[]::new)),
                        PostgresArray.of(
                                "varchar", fresh.stream().map(Email::subject).toArray(String[]::new)),
                        PostgresArray.of("text", fresh.stream().map(Email::text).toArray(String[]::new)),
                        PostgresArray.of("text", fresh.stream().map(Email::html).toArray(String[]::new)))
                .update();
        jdbc.sql("select count(pg_notify(?, ''))")
                .param(CHANNEL)
                .query(Long.class)
                .single();
        return fresh.size();
    }

    Backlog backlog() {
        return jdbc.sql(
                        """
                        select count(*) as emails,
                               coalesce(floor(extract(epoch from clock_timestamp() - min(created_at)) * 1000), 0) as oldest_ms
                        from pending_emails""")
                .query((row, number) ->
                        new Backlog(row.getLong("emails"), Duration.ofMillis(Math.max(0, row.getLong("oldest_ms")))))
                .single();
    }

    /**
     * Locks up to {@code limit} due emails for the caller's transaction, skipping the ones another
     * sender has locked: two instances never send the same email at the same time.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Pending> lockDue(int limit) {
        return jdbc.sql(
                        """
                        select * from pending_emails where next_attempt_at <= now()
                        order by next_attempt_at, id limit ? for update skip locked""")
                .param(limit)
                .query((row, number) -> new Pending(
                        row.getLong("id"),
                        row.getObject("event_id", UUID.class),
                        row.getString("recipient"),
                        row.getString("recipient_name"),
                        row.getString("subject"),
                        row.getString("text_body"),
                        row.getString("html_body"),
                        row.getInt("attempts")))
                .list();
    }

    /** SMTP accepted these: they are no longer pending, and their delivery gets its time. */
    @Transactional(propagation = Propagation.MANDATORY)
    void sent(List<Pending> emails) {
        if (emails.isEmpty()) {
            return;
        }
        var ids = emails.stream().map(Pending::id).toArray(Long[]::new);
        var events = new ArrayList<UUID>();
        var recipients = new ArrayList<String>();
        emails.forEach(email -> {
            events.add(email.eventId());
            recipients.add(email.recipient());
        });
        jdbc.sql("delete from pending_emails where id = any(?)")
                .param(PostgresArray.of("bigint", ids))
                .update();
        jdbc.sql(
                        """
                        update delivered_notifications d set delivered_at = now()
                        from unnest(?, ?) as sent (event_id, recipient)
                        where d.event_id = sent.event_id and d.channel = ? and d.recipient = sent.recipient""")
                .params(
                        PostgresArray.of("uuid", events.toArray(UUID[]::new)),
                        PostgresArray.of("varchar", recipients.toArray(String[]::new)),
                        EMAIL_CHANNEL)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void failed(Pending email, Duration retryIn, String error) {
        var reason = error == null ? "unknown" : error;
        jdbc.sql(
                        """
                        update pending_emails
                        set attempts = attempts + 1, next_attempt_at = now() + ? * interval '1 millisecond', last_error = ?
                        where id = ?""")
                .params(
                        retryIn.toMillis(),
                        reason.length() <= MAX_ERROR_LENGTH ? reason : reason.substring(0, MAX_ERROR_LENGTH),
                        email.id())
                .update();
    }
}
