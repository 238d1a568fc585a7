package app.miniwallet.analytics.figures;

import static app.miniwallet.analytics.TransferEvents.completedTopUp;
import static app.miniwallet.analytics.TransferEvents.completedTransfer;
import static app.miniwallet.analytics.TransferEvents.rejectedTransfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.miniwallet.contracts.account.AccountId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FiguresUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void aCompletedTransferIsVolumeAndFees() {
        assertThat(Figures.of(completedTransfer(10, 11, 1_234, 12, NOW))).isEqualTo(new Figures(1, 0, 1_234, 12, 0));
    }

    @Test
    void aCompletedTopUpIsNeitherVolumeNorFees() {
        assertThat(Figures.of(completedTopUp(10, 50_000, NOW))).isEqualTo(new Figures(1, 0, 0, 0, 50_000));
    }

    @Test
    void aRejectedTransferOnlyCountsAsRejected() {
        assertThat(Figures.of(rejectedTransfer(10, 11, 1_234, 12, NOW))).isEqualTo(new Figures(0, 1, 0, 0, 0));
    }

    @Test
    void sumsFailInsteadOfOverflowing() {
        var huge = new Figures(0, 0, Long.MAX_VALUE, 0, 0);

        assertThatThrownBy(() -> huge.plus(new Figures(0, 0, 1, 0, 0))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aTransferCountsForTheSenderWithItsFeeAndForTheReceiver() {
        var figures = UserFigures.of(completedTransfer(10, 11, 1_000, 10, NOW));

        assertThat(figures.get(AccountId.of(10))).isEqualTo(new UserFigures(1_000, 0, 0, 10, 1, 0, 0, 0));
        assertThat(figures.get(AccountId.of(11))).isEqualTo(new UserFigures(0, 1_000, 0, 0, 0, 1, 0, 0));
        assertThat(figures.get(AccountId.of(10)).netMinor()).isEqualTo(-1_010);
    }

    @Test
    void aTopUpCountsForTheUserToppedUpAndNotForTheCashInAccount() {
        var figures = UserFigures.of(completedTopUp(10, 5_000, NOW));

        assertThat(figures).containsOnlyKeys(AccountId.of(10));
        assertThat(figures.get(AccountId.of(10)).netMinor()).isEqualTo(5_000);
    }

    @Test
    void aRejectionCountsForTheUserWhoAsked() {
        assertThat(UserFigures.of(rejectedTransfer(10, 11, 1_000, 10, NOW)))
                .containsOnlyKeys(AccountId.of(10))
                .containsValue(new UserFigures(0, 0, 0, 0, 0, 0, 0, 1));
    }
}
