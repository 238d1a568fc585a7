package app.miniwallet.processor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the transfer processor consumes and retries. {@code wallet.processor.instance-id} (env
 * {@code WALLET_PROCESSOR_INSTANCE_ID}) is not one of these: it is read only through the consumer's
 * {@code group.instance.id} and the producer's {@code transaction-id-prefix} in application.yml.
 * Unset, {@link DefaultInstanceId} makes it {@code transfer-processor-<host name>-<server port>}, the
 * same at every restart of that slot.
 *
 * @param concurrency consumers in this instance; more partitions than consumers in the whole group
 *     leave some idle
 * @param maxPollRecords most request records applied in one batch (one DB and one Kafka transaction)
 * @param retry how long to wait before applying a failed batch again; there is no last attempt
 */
@ConfigurationProperties("wallet.processor")
public record ProcessorSettings(int concurrency, int maxPollRecords, Retry retry) {

    public ProcessorSettings {
        if (concurrency < 1 || maxPollRecords < 1) {
            throw new IllegalArgumentException(
                    "wallet.processor.concurrency and max-poll-records must be at least 1, were " + concurrency
                            + " and " + maxPollRecords);
        }
    }

    /**
     * An exponential back-off between attempts at the same batch, never giving up: skipping a request
     * would lose a transfer, so a batch that fails (database or broker down) is tried until it succeeds.
     */
    public record Retry(Duration initialInterval, Duration maxInterval) {

        public Retry {
            if (initialInterval.isNegative()
                    || initialInterval.isZero()
                    || maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalArgumentException(
                        "wallet.processor.retry needs 0 < initial-interval <= max-interval, was " + initialInterval
                                + " and " + maxInterval);
            }
        }
    }
}
