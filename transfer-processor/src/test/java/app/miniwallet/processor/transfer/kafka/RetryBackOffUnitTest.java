package app.miniwallet.processor.transfer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.processor.ProcessorSettings;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class RetryBackOffUnitTest {

    private final ProcessorSettings.Retry retry =
            new ProcessorSettings.Retry(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void growsFromTheInitialIntervalToTheMaximum() {
        var execution = TransferKafkaConfiguration.backOffBetweenAttempts(retry).start();

        var intervals = new ArrayList<Long>();
        for (int i = 0; i < 8; i++) {
            intervals.add(execution.nextBackOff());
        }

        assertThat(intervals).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    }

    @Test
    void neverGivesUpOnABatch() {
        var execution = TransferKafkaConfiguration.backOffBetweenAttempts(retry).start();

        for (int attempt = 0; attempt < 100_000; attempt++) {
            assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
        }
    }
}
