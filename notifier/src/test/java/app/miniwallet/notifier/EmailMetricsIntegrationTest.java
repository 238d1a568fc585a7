package app.miniwallet.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.operator.ActuatorAccess;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The email metrics as Prometheus scrapes them from {@code /actuator/prometheus}. */
class EmailMetricsIntegrationTest extends NotifierIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int EMAILS = 50;

    @Test
    void theBacklogGrowsAndAgesWhileSmtpIsDownAndEmptiesOnceItIsBackWhileSentAndFailedCount() {
        var domain = UUID.randomUUID().toString().substring(0, 8) + ".metrics.test";
        var before = scrape();
        TestMail.stop();
        try {
            EmailRows.waiting(EMAILS, domain);

            await().atMost(WAIT).untilAsserted(() -> {
                var during = scrape();
                assertThat(during.pending()).isGreaterThanOrEqualTo(EMAILS);
                assertThat(during.oldestSeconds()).isGreaterThanOrEqualTo(2);
                assertThat(during.failed() - before.failed()).isGreaterThanOrEqualTo(EMAILS);
            });
        } finally {
            TestMail.start();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            var after = scrape();
            assertThat(after.pending()).isZero();
            assertThat(after.oldestSeconds()).isZero();
            assertThat(after.sent() - before.sent()).isGreaterThanOrEqualTo(EMAILS);
        });
        assertThat(TestMail.to("@" + domain)).hasSize(EMAILS);
    }

    /** The email figures of one scrape, by the names Prometheus stores them under. */
    private record Scrape(double pending, double oldestSeconds, double sent, double failed) {}

    private Scrape scrape() {
        var text = RestClient.create()
                .get()
                .uri("http://localhost:" + port + "/actuator/prometheus")
                .header("Authorization", ActuatorAccess.operator())
                .retrieve()
                .body(String.class);
        return new Scrape(
                sample(text, "wallet_emails_pending"),
                sample(text, "wallet_emails_oldest_seconds"),
                sample(text, "wallet_emails_sent_total"),
                sample(text, "wallet_emails_failed_total"));
    }

    private static double sample(String exposition, String name) {
        var matcher =
                Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(exposition);
        assertThat(matcher.find()).as("%s in /actuator/prometheus", name).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
