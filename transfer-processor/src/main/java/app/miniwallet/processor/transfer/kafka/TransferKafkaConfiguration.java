package app.miniwallet.processor.transfer.kafka;

import app.miniwallet.platform.tracing.Traces;
import app.miniwallet.processor.ProcessorSettings;
import app.miniwallet.processor.transfer.PublishedOffsets;
import app.miniwallet.processor.transfer.TransferBatches;
import java.util.Map;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerPostProcessor;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TransferKafkaConfiguration {

    @Bean
    TransferRequestListener transferRequestListener(
            TransferBatches batches,
            KafkaTemplate<String, String> kafka,
            JsonMapper json,
            PublishedOffsets publishedOffsets,
            DecisionMetrics metrics,
            Traces traces) {
        return new TransferRequestListener(
                new TransferRequestReader(json), batches, kafka, json, publishedOffsets, metrics, traces);
    }

    /**
     * Boot applies this to the producer factory behind the container's transactions and the template. Fenced
     * producers fail their batch like any other failure ({@link FencedProducers}). The transactional ids are a pool
     * of one per consumer, given back when a producer is closed: the producer that replaces a failed one takes its id
     * and so settles (completes or aborts) the transaction it left open at once. Without the pool each new producer
     * would get a new id, and that transaction would hold back read_committed readers until it timed out.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    DefaultKafkaProducerFactoryCustomizer transactionalProducers(ProcessorSettings settings) {
        return factory -> {
            factory.addPostProcessor((ProducerPostProcessor) new FencedProducers());
            factory.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(settings.concurrency()));
        };
    }

    /**
     * With a transactional container a listener exception rolls the Kafka transaction back and goes
     * here, not to an error handler. This one seeks back to the start of the batch and waits before it
     * comes again, without end: no exception is classified as fatal and the back-off never stops, so
     * a request is never skipped, "recovered" by logging, or applied out of order. Boot's container
     * factory picks this bean up.
     */
    @Bean
    AfterRollbackProcessor<Object, Object> retryBatchForever(ProcessorSettings settings) {
        var processor = new DefaultAfterRollbackProcessor<Object, Object>(backOffBetweenAttempts(settings.retry()));
        processor.setClassifications(Map.of(), true);
        return processor;
    }

    /** Grows from the initial to the maximum interval; no attempt limit, no elapsed-time limit. */
    static BackOff backOffBetweenAttempts(ProcessorSettings.Retry retry) {
        var backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }
}
