package app.miniwallet.systemtests.browser;

import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.net.FreePort;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) in the test JVM that the notifier sends its email to. */
final class MailInbox implements AutoCloseable {

    private final GreenMail greenMail;
    private final int smtpPort;

    private MailInbox(GreenMail greenMail, int smtpPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
    }

    static MailInbox start() {
        var port = FreePort.find();
        var greenMail = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new MailInbox(greenMail, port);
    }

    int smtpPort() {
        return smtpPort;
    }

    /** The first link in the newest email to {@code recipient} that matches {@code link}, once it arrives. */
    String awaitLink(String recipient, Pattern link) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> newestLink(recipient, link), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<String> newestLink(String recipient, Pattern link) {
        var messages = Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> isTo(message, recipient))
                .toList();
        for (int index = messages.size() - 1; index >= 0; index--) {
            var found = link.matcher(textOf(messages.get(index)));
            if (found.find()) {
                return Optional.of(found.group());
            }
        }
        return Optional.empty();
    }

    private static boolean isTo(MimeMessage message, String recipient) {
        try {
            var to = message.getRecipients(Message.RecipientType.TO);
            return to != null
                    && Arrays.stream(to)
                            .anyMatch(
                                    address -> address.toString().toLowerCase().contains(recipient.toLowerCase()));
        } catch (MessagingException e) {
            throw new IllegalStateException("an email without readable recipients", e);
        }
    }

    /** Every text part, decoded (quoted-printable would otherwise break long links). */
    private static String textOf(Part part) {
        try {
            if (part.isMimeType("text/*")) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                var text = new StringBuilder();
                for (int index = 0; index < multipart.getCount(); index++) {
                    BodyPart child = multipart.getBodyPart(index);
                    text.append(textOf(child)).append('\n');
                }
                return text.toString();
            }
            return "";
        } catch (MessagingException e) {
            throw new IllegalStateException("an email that cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
