package app.miniwallet.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailBacklogWatchUnitTest {

    private static final String EXPOSITION =
            """
            # HELP wallet_emails_pending Emails taken on and not yet accepted by the mail server
            # TYPE wallet_emails_pending gauge
            wallet_emails_pending{application="notifier"} 1234.0
            # HELP wallet_emails_pending_seconds not this one
            wallet_emails_pending_seconds 99.0
            # TYPE wallet_emails_sent_total counter
            wallet_emails_sent_total{application="notifier",kind="transfer"} 500.0
            wallet_emails_sent_total{application="notifier",kind="account"} 7.0
            """;

    @Test
    void addsAMetricOverItsLabelSetsAndIgnoresMetricsThatOnlyStartWithItsName() {
        assertThat(EmailBacklogWatch.sum(EXPOSITION, "wallet_emails_pending")).isEqualTo(1234.0);
        assertThat(EmailBacklogWatch.sum(EXPOSITION, "wallet_emails_sent_total"))
                .isEqualTo(507.0);
        assertThat(EmailBacklogWatch.sum(EXPOSITION, "wallet_emails_failed_total"))
                .isZero();
    }
}
