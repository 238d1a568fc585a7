package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.processor.transfer.PublishedOffsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the processor learned about published request records only grows, though the consumer group's committed
 * offset it learns it from can move back (a batch read again that ends earlier commits its lower end). Partitions far
 * beyond the request topic's, so the processor running in this context never reads them.
 */
@ProcessorIntegrationTest
class PublishedOffsetsIntegrationTest {

    @Autowired
    private PublishedOffsets offsets;

    @Test
    void keepsTheHighestCommittedOffsetItWasToldWhenTheCommittedOffsetMovesBack() {
        var partition = 1_000 + (int) (System.nanoTime() % 1_000_000);

        assertThat(offsets.raise(Map.of(partition, 1_600L))).containsEntry(partition, 1_600L);
        assertThat(offsets.raise(Map.of(partition, 300L))).containsEntry(partition, 1_600L);
        assertThat(offsets.raise(Map.of(partition, 1_700L, partition + 1, 0L)))
                .containsEntry(partition, 1_700L)
                .containsEntry(partition + 1, 0L);
    }
}
