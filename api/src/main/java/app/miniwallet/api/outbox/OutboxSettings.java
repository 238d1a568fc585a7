package app.miniwallet.api.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param batchSize rows published per round, in one Kafka transaction
 * @param pollInterval how often the relay looks without being notified (a fallback for lost NOTIFYs)
 * @param transactionalId the relay producer's {@code transactional.id}, the same on every api instance: only the
 *     relay holding the lock uses it, and a new leader taking it over fences the previous one
 */
@ConfigurationProperties("wallet.outbox")
record OutboxSettings(int batchSize, Duration pollInterval, String transactionalId) {}
