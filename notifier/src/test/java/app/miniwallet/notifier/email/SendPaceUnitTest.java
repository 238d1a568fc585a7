package app.miniwallet.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendPaceUnitTest {

    private long now = -5_000_000_000L;

    @Test
    void aBatchGoesOutAtOnceAndTheNextWaitsUntilTheFirstHasHadItsTime() {
        var pace = new SendPace(20, () -> now);

        assertThat(pace.reserve(20)).isZero();
        assertThat(pace.reserve(20)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pace.reserve(10)).isEqualTo(Duration.ofSeconds(2));

        now += Duration.ofMillis(500).toNanos();
        assertThat(pace.reserve(1)).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void timeLeftUnusedDoesNotPileUpIntoABurst() {
        var pace = new SendPace(10, () -> now);
        pace.reserve(10);

        now += Duration.ofMinutes(5).toNanos();

        assertThat(pace.reserve(10)).isZero();
        assertThat(pace.reserve(10)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noLimitNeverWaits() {
        var pace = new SendPace(0, () -> now);

        for (int i = 0; i < 1_000; i++) {
            assertThat(pace.reserve(20)).isZero();
        }
    }

    @Test
    void holdsAcrossTheWrapOfNanoTime() {
        now = Long.MAX_VALUE - Duration.ofMillis(100).toNanos();
        var pace = new SendPace(10, () -> now);

        assertThat(pace.reserve(10)).isZero();
        now += Duration.ofMillis(500).toNanos();
        assertThat(pace.reserve(1)).isEqualTo(Duration.ofMillis(500));
    }
}
