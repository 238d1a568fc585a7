package app.miniwallet.notifier.kafka;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class ListenerRetryConfiguration {

    /**
     * A batch whose processing failed (PostgreSQL away, say) is offered again after a growing pause,
     * without end: its offsets are only committed once it went through, so no notification is skipped.
     * Boot's listener container factory picks this bean up.
     */
    @Bean
    CommonErrorHandler retryBatchUntilItGoesThrough() {
        var backOff = new ExponentialBackOff(200, ExponentialBackOff.DEFAULT_MULTIPLIER);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
