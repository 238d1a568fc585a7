package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.processor.transfer.AppliedBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the processor decided, for dashboards and alerts: {@code wallet_transfers_decided_total{kind,status}},
 * {@code wallet_transfer_decision_seconds} (from the transfer's acceptance to its decision, both times as the
 * {@code transfers} row stores them) and {@code wallet_batch_records} (records per poll). Counted once the batch's
 * database transaction committed: a batch read again after a failed Kafka commit finds its transfers decided and
 * counts none of them a second time.
 */
@Component
class DecisionMetrics {

    private final Map<TransferKind, Map<TransferStatus, Counter>> decided = new EnumMap<>(TransferKind.class);
    private final Timer decisionTime;
    private final DistributionSummary batchRecords;

    DecisionMetrics(MeterRegistry registry) {
        for (var kind : TransferKind.values()) {
            var byStatus = new EnumMap<TransferStatus, Counter>(TransferStatus.class);
            for (var status : TransferStatus.values()) {
                if (status != TransferStatus.PENDING) {
                    byStatus.put(
                            status,
                            Counter.builder("wallet.transfers.decided")
                                    .description("Transfers decided (committed to the database)")
                                    .tag("kind", kind.name())
                                    .tag("status", status.name())
                                    .register(registry));
                }
            }
            decided.put(kind, byStatus);
        }
        decisionTime = Timer.builder("wallet.transfer.decision")
                .description("From a transfer's acceptance by the api to its decision by the processor")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        batchRecords = DistributionSummary.builder("wallet.batch.records")
                .description("Transfer requests per batch (one poll, one database and one Kafka transaction)")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(10_000.0)
                .register(registry);
    }

    /** Counts one applied batch of {@code records} records. */
    void applied(int records, AppliedBatch batch) {
        batchRecords.record(records);
        for (var transfer : batch.decided()) {
            decided.get(transfer.kind()).get(transfer.status()).increment();
            decisionTime.record(Duration.between(transfer.requestedAt(), transfer.completedAt()));
        }
    }
}
