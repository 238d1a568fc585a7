package app.miniwallet.loadtests.check;

import java.util.Locale;
import java.util.UUID;

/**
 * One email a mail server captured: the event it is about (the notifier puts the event id in the
 * message) and whom it went to. Callers that catch mail (GreenMail, the dev stack's SMTP catcher)
 * hand these to the checker, which flags any pair seen more than once.
 */
public record SentEmail(UUID eventId, String recipient) {

    public SentEmail {
        if (eventId == null || recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a sent email needs an event id and a recipient");
        }
        // mailbox names compare case-insensitively in practice, so one address cannot hide a duplicate
        recipient = recipient.strip().toLowerCase(Locale.ROOT);
    }
}
