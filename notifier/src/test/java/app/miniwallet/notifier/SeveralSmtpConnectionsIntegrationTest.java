package app.miniwallet.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.notifier.EmailRows.WaitingEmail;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The notifier sends over {@value NotifierIntegrationTest#EMAIL_CONNECTIONS} SMTP connections at once (each sender
 * thread claims its own batches), through a proxy that counts the connections and can refuse a mailbox.
 */
class SeveralSmtpConnectionsIntegrationTest extends NotifierIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int EMAILS = 300;
    private static final int BATCH_SIZE = 20;

    @Autowired
    private JavaMailSenderImpl smtp;

    private SmtpProxy proxy;

    @BeforeEach
    void sendThroughACountingProxy() throws IOException {
        proxy = new SmtpProxy(TestMail.smtpPort());
        smtp.setPort(proxy.port());
    }

    @AfterEach
    void sendStraightToTheMailServerAgain() throws IOException {
        smtp.setPort(TestMail.smtpPort());
        proxy.close();
    }

    @Test
    void everyEmailArrivesExactlyOnceWhenSeveralConnectionsSendAtOnce() {
        var domain = uniqueDomain();

        var emails = EmailRows.waiting(EMAILS, domain);

        await().atMost(WAIT).until(() -> EmailRows.pendingAt(domain) == 0);
        var copiesByMessageId = TestMail.to("@" + domain).stream()
                .map(MailContent::of)
                .collect(Collectors.groupingBy(MailContent::messageId, Collectors.counting()));
        assertThat(copiesByMessageId).hasSize(EMAILS);
        assertThat(copiesByMessageId.values()).as("copies of each Message-ID").containsOnly(1L);
        assertThat(TestMail.to("@" + domain).stream().map(MailContent::of).map(MailContent::eventId))
                .containsExactlyInAnyOrderElementsOf(emails.stream()
                        .map(WaitingEmail::eventId)
                        .map(UUID::toString)
                        .toList());
        assertThat(proxy.mostConnectionsAtOnce())
                .as("SMTP connections open at once")
                .isGreaterThan(1);
        // one connection for each batch, not for each email; a sender may find a batch that is not full
        assertThat(proxy.connectionsOpened())
                .as("SMTP connections opened")
                .isLessThanOrEqualTo(2 * EMAILS / BATCH_SIZE);
    }

    @Test
    void anEmailTheServerRefusesWaitsForItsOwnNextAttemptWhileTheOthersGoOut() {
        var domain = uniqueDomain();
        var refused = "recipient-7@" + domain;
        proxy.refuse(refused);

        EmailRows.waiting(60, domain);

        await().atMost(WAIT).until(() -> EmailRows.pendingAt(domain) == 1);
        assertThat(TestMail.to("@" + domain)).hasSize(59);
        assertThat(TestMail.to(refused)).isEmpty();
        await().atMost(WAIT).until(() -> EmailRows.pendingAttemptsFor(refused) >= 3);
        assertThat(EmailRows.lastErrorFor(refused)).contains("Invalid Addresses");
        // backing off (200 ms doubling to 1 s in these tests), the refused email is tried about once a second; the
        // senders between them look for due emails every 200 ms, and would try it at each look without the back-off
        var attemptsBefore = EmailRows.pendingAttemptsFor(refused);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> EmailRows.pendingAttemptsFor(refused) - attemptsBefore <= 6);
    }

    private static String uniqueDomain() {
        return UUID.randomUUID().toString().substring(0, 8) + ".connections.test";
    }
}
