package app.miniwallet.notifier;

import app.miniwallet.testsupport.net.FreePort;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) for the whole test JVM, on a port of its own. It can be stopped and
 * started again on the same port, to play a mail server that is down for a while.
 */
final class TestMail {

    private static final ServerSetup SMTP = new ServerSetup(FreePort.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private static GreenMail greenMail;

    private TestMail() {}

    static synchronized int smtpPort() {
        if (greenMail == null) {
            start();
        }
        return SMTP.getPort();
    }

    static synchronized void start() {
        greenMail = new GreenMail(SMTP)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    static synchronized void stop() {
        greenMail.stop();
    }

    /** Every email that reached this address, in arrival order. */
    static synchronized List<MimeMessage> to(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> isFor(message, address))
                .toList();
    }

    private static boolean isFor(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null
                    && Arrays.stream(recipients)
                            .anyMatch(recipient ->
                                    recipient.toString().toLowerCase().contains(address.toLowerCase()));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
