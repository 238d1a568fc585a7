package app.miniwallet.platform.background;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffUnitTest {

    @Test
    void doublesThePauseWithEachFailureUpToTheLongest() {
        var backoff = new Backoff(ofSeconds(1), ofSeconds(5));

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::after))
                .containsExactly(ofSeconds(1), ofSeconds(2), ofSeconds(4), ofSeconds(5), ofSeconds(5), ofSeconds(5));
    }

    @Test
    void aFixedBackoffPausesAlikeAfterEveryFailure() {
        var backoff = Backoff.fixed(ofSeconds(3));

        assertThat(backoff.after(1)).isEqualTo(ofSeconds(3));
        assertThat(backoff.after(1_000)).isEqualTo(ofSeconds(3));
    }
}
