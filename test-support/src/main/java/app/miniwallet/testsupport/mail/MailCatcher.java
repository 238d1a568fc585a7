package app.miniwallet.testsupport.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GreenMail as the dev stack's mail server: SMTP takes any mail without authentication, IMAP lets anyone read a
 * mailbox by logging in with its address and any password, and a small web page shows everything that arrived.
 */
public final class MailCatcher implements AutoCloseable {

    public static final String BIND_ADDRESS = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

    private final GreenMail greenMail;
    private final MailWebView webView;

    private MailCatcher(GreenMail greenMail, MailWebView webView) {
        this.greenMail = greenMail;
        this.webView = webView;
    }

    /** The mail catcher on {@value #BIND_ADDRESS} only. */
    public static MailCatcher start(int smtpPort, int imapPort, int webPort) {
        return start(smtpPort, imapPort, webPort, BIND_ADDRESS);
    }

    /** The mail catcher's SMTP, IMAP and web view listening on {@code bindAddress}. */
    public static MailCatcher start(int smtpPort, int imapPort, int webPort, String bindAddress) {
        var greenMail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, bindAddress, ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, bindAddress, ServerSetup.PROTOCOL_IMAP)
                })
                // no accounts to set up: a mailbox appears when mail arrives or someone logs in to it
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        try {
            var webView = MailWebView.start(bindAddress, webPort, () -> messagesIn(greenMail));
            log.info("Mail catcher ready: SMTP {}, IMAP {}, web view {}", smtpPort, imapPort, webView.url());
            return new MailCatcher(greenMail, webView);
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
    }

    /** Every captured email once, newest first (a mail to three people sits in three mailboxes). */
    public List<CapturedMail> messages() {
        return messagesIn(greenMail);
    }

    private static List<CapturedMail> messagesIn(GreenMail greenMail) {
        var seen = new HashSet<String>();
        return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
                .sorted(Comparator.comparing(StoredMessage::getReceivedDate)
                        .thenComparing(StoredMessage::getUid)
                        .reversed())
                .map(stored -> CapturedMail.of(
                        stored.getMimeMessage(), stored.getReceivedDate().toInstant()))
                .filter(mail -> mail.messageId() == null || seen.add(mail.messageId()))
                .toList();
    }

    public String webUrl() {
        return webView.url();
    }

    @Override
    public void close() {
        webView.close();
        greenMail.stop();
    }
}
