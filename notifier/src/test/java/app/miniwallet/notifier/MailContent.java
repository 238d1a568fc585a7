package app.miniwallet.notifier;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** The parts of a received email, as a reader's mail program would show them. */
record MailContent(String subject, String text, String html, String messageId, String eventId) {

    static MailContent of(MimeMessage message) {
        try {
            var content = new MailContent(
                    message.getSubject(),
                    null,
                    null,
                    message.getMessageID(),
                    message.getHeader("X-Wallet-Event-Id", null));
            return content.with(message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    private MailContent with(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return new MailContent(subject, (String) part.getContent(), html, messageId, eventId);
        }
        if (part.isMimeType("text/html")) {
            return new MailContent(subject, text, (String) part.getContent(), messageId, eventId);
        }
        if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            var content = this;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                content = content.with(body);
            }
            return content;
        }
        return this;
    }
}
