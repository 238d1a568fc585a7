package app.miniwallet.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * {@code wallet.notifier.email.max-per-second} caps what an instance sends, all its SMTP connections together: a
 * second instance with the cap sends, the shared one's senders stand still meanwhile.
 */
class EmailSendRateIntegrationTest extends NotifierIntegrationTest {

    private static final int PER_SECOND = 10;
    private static final int EMAILS = 60;

    private static ConfigurableApplicationContext cappedInstance;

    @Autowired
    private ApplicationContext sharedInstance;

    @BeforeAll
    static void startACappedInstance() {
        cappedInstance =
                startAnotherInstance(Map.of("wallet.notifier.email.max-per-second", Integer.toString(PER_SECOND)));
    }

    @AfterAll
    static void stopTheCappedInstance() {
        cappedInstance.close();
    }

    @BeforeEach
    void onlyTheCappedInstanceSends() {
        sharedInstance.getBean("emailSender", SmartLifecycle.class).stop();
    }

    @AfterEach
    void theSharedInstanceSendsAgain() {
        sharedInstance.getBean("emailSender", SmartLifecycle.class).start();
    }

    @Test
    void anInstanceSendsNoFasterThanItsCapOverAllItsConnections() {
        var domain = UUID.randomUUID().toString().substring(0, 8) + ".rate.test";
        var began = System.nanoTime();

        EmailRows.waiting(EMAILS, domain);

        await().atMost(Duration.ofSeconds(60)).until(() -> EmailRows.pendingAt(domain) == 0);
        var took = Duration.ofNanos(System.nanoTime() - began);
        // batches of a second's worth over four connections: the first at once, each other one a second after the one
        // before; with no cap they all go out together, well within a second
        assertThat(took)
                .as("time to send %d emails at %d a second", EMAILS, PER_SECOND)
                .isGreaterThanOrEqualTo(Duration.ofSeconds((EMAILS - PER_SECOND) / PER_SECOND));
        assertThat(TestMail.to("@" + domain)).hasSize(EMAILS);
    }
}
