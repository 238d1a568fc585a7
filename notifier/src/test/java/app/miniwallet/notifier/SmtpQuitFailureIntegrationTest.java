package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publish;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.completedTransfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.notifier.TestUsers.TestUser;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mail server accepts every email, then the connection breaks as the notifier says QUIT: each email still goes out
 * once. Spring reports the failed close as a {@code MailSendException} that names no failed message; before the fix
 * the notifier read that as "all failed" and sent the whole batch again on every attempt. This test then failed: after
 * 30 seconds both emails were still pending (26 attempts made) and GreenMail held 26 copies of each.
 *
 * <p>The shared notifier is pointed at the proxy for this test alone, rather than a notifier of the test's own being
 * started: the shared one would take the same pending emails and send them past the proxy.
 */
class SmtpQuitFailureIntegrationTest extends NotifierIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Received once, and no longer pending. */
    private static final Delivery SENT_ONCE = new Delivery(1, -1);

    @Autowired
    private JavaMailSenderImpl smtp;

    private SmtpProxy proxy;

    @BeforeEach
    void sendThroughAProxyThatBreaksTheConnectionAtQuit() throws IOException {
        proxy = new SmtpProxy(TestMail.smtpPort());
        proxy.resetAtQuit();
        smtp.setPort(proxy.port());
    }

    @AfterEach
    void sendStraightToTheMailServerAgain() throws IOException {
        smtp.setPort(TestMail.smtpPort());
        proxy.close();
    }

    @Test
    void anEmailTheServerAcceptedIsSentOnceEvenWhenQuitFails() {
        var alice = newUser("Alice Quitter");
        var bob = newUser("Bob Quitter");

        publish(completedTransfer(alice, bob, "5.00", "94.93", "105.00"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(deliveriesTo(alice, bob)).containsExactly(SENT_ONCE, SENT_ONCE));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(deliveriesTo(alice, bob)).containsExactly(SENT_ONCE, SENT_ONCE));
        assertThat(proxy.quitsReset()).as("connections broken at QUIT").isPositive();
    }

    private static List<Delivery> deliveriesTo(TestUser... users) {
        return Stream.of(users).map(Delivery::to).toList();
    }

    /** Copies GreenMail received for an address, and the attempts of its email still pending (-1: none). */
    private record Delivery(int copies, int pendingAttempts) {

        static Delivery to(TestUser user) {
            return new Delivery(TestMail.to(user.email()).size(), EmailRows.pendingAttemptsFor(user.email()));
        }
    }

    /**
     * Passes SMTP through to the test mail server both ways, but answers a client's QUIT by resetting its connection,
     * so that the client's read of the reply fails with "Connection reset". A connection simply closed would not do:
     * JavaMail takes an end of stream after QUIT for a goodbye.
     */
}
