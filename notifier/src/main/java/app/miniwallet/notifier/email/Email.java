package app.miniwallet.notifier.email;

import java.util.UUID;

/**
 * One email, rendered, for one recipient. {@code (eventId, recipient)} is what makes it once-only.
 *
 * @param recipient the address, in lower case, so that one person is one recipient
 */
public record Email(UUID eventId, String recipient, String recipientName, String subject, String text, String html) {}
