package app.miniwallet.api.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param batchSize rows published per round
 * @param pollInterval how often the relay looks without being notified (a fallback for lost NOTIFYs)
 */
@ConfigurationProperties("wallet.outbox")
record OutboxSettings(int batchSize, Duration pollInterval) {}
