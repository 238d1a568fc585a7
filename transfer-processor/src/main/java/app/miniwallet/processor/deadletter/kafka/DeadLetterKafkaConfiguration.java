package app.miniwallet.processor.deadletter.kafka;

import app.miniwallet.processor.deadletter.DeadLetterTopic;
import app.miniwallet.processor.deadletter.TransferRequestsCopies;
import java.util.HashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API's own Kafka clients, from the service's Kafka settings (brokers, security) but apart from the
 * listener's: no group, no static membership, no transactional id. Keys and values are bytes, so a redrive sends
 * exactly what the dead letter holds.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterKafkaConfiguration {

    @Bean
    DeadLetterTopic deadLetterTopic(KafkaProperties properties, JsonMapper json) {
        var config = new HashMap<>(properties.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "transfer-processor-dead-letters");
        return new KafkaDeadLetterTopic(
                () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()), json);
    }

    /** Closed with the context (its close method), which gives sends in flight a moment. */
    @Bean
    TransferRequestsCopies transferRequestsCopies(KafkaProperties properties) {
        var config = new HashMap<>(properties.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "transfer-processor-redrive");
        // an operator waits on the answer: fail within the admin call, not after the default two minutes
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        return new KafkaTransferRequestsCopies(
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    }
}
