package app.miniwallet.testsupport.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An email the SMTP catcher received, reduced to what a developer looks at. */
public record CapturedMail(
        String messageId, Instant receivedAt, String subject, String from, List<String> recipients, String text) {

    static CapturedMail of(MimeMessage message, Instant receivedAt) {
        try {
            return new CapturedMail(
                    message.getMessageID(),
                    receivedAt,
                    message.getSubject() == null ? "(no subject)" : message.getSubject(),
                    addresses(message.getFrom()),
                    Arrays.stream(orEmpty(message.getAllRecipients()))
                            .map(CapturedMail::address)
                            .toList(),
                    textOf(message));
        } catch (MessagingException e) {
            throw new IllegalStateException("could not read a captured email", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a captured email", e);
        }
    }

    /** The text/plain part if there is one, else the HTML part with its tags removed. */
    private static String textOf(Part part) throws MessagingException, IOException {
        var plain = findPart(part, "text/plain");
        if (plain != null) {
            return plain.getContent().toString();
        }
        var html = findPart(part, "text/html");
        if (html != null) {
            return html.getContent()
                    .toString()
                    .replaceAll("(?s)<style.*?</style>", "")
                    .replaceAll("<[^>]+>", "");
        }
        return "(no text body)";
    }

    private static Part findPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (var index = 0; index < multipart.getCount(); index++) {
                BodyPart child = multipart.getBodyPart(index);
                var found = findPart(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String addresses(Address[] addresses) {
        return String.join(
                ", ",
                Arrays.stream(orEmpty(addresses)).map(CapturedMail::address).toList());
    }

    private static String address(Address address) {
        return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
    }

    private static Address[] orEmpty(Address[] addresses) {
        return addresses == null ? new Address[0] : addresses;
    }
}
