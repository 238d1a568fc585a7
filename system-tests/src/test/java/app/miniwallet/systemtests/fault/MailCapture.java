package app.miniwallet.systemtests.fault;

import app.miniwallet.loadtests.check.SentEmail;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The fault stack's mail server: GreenMail's SMTP, taking any mail without authentication. What arrives is read off
 * as {@link Arrival}s (the event an email is about, from the notifier's {@code X-Wallet-Event-Id} header, its
 * recipient, when it came) and then expunged, so a run of hundreds of thousands of emails holds only the arrivals.
 */
final class MailCapture implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    /** One email as it arrived; a copy sent again arrives again. */
    record Arrival(SentEmail email, Instant at) {}

    private final GreenMail greenMail;
    private final List<Arrival> arrivals = new ArrayList<>();

    private MailCapture(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static MailCapture start(int smtpPort) {
        var greenMail = new GreenMail(new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new MailCapture(greenMail);
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** Every email that has arrived so far, in the order read off the server. */
    synchronized List<Arrival> arrivals() {
        var hosts = greenMail.getManagers().getImapHostManager();
        for (var user : greenMail.getUserManager().listUser()) {
            try {
                var inbox = hosts.getInbox(user);
                var read = new ArrayList<StoredMessage>();
                for (var stored : inbox.getNonDeletedMessages()) {
                    var eventId = stored.getMimeMessage().getHeader("X-Wallet-Event-Id", null);
                    if (eventId == null) {
                        throw new IllegalStateException("an email to " + user.getEmail() + " names no event: "
                                + stored.getMimeMessage().getSubject());
                    }
                    arrivals.add(new Arrival(
                            new SentEmail(UUID.fromString(eventId), user.getEmail()),
                            stored.getReceivedDate().toInstant()));
                    read.add(stored);
                }
                // only what was read goes; an email delivered meanwhile stays for the next call
                read.forEach(stored -> stored.setFlag(Flags.Flag.DELETED, true));
                inbox.expunge();
            } catch (FolderException | MessagingException e) {
                throw new IllegalStateException("could not read the mailbox of " + user.getEmail(), e);
            }
        }
        return List.copyOf(arrivals);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
