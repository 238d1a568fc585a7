package app.miniwallet.analytics.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP while the Kafka Streams application runs or rebalances; DOWN once it stopped or failed (a stream thread that
 * died of an exception shuts the client down), so that a supervisor restarts the process.
 */
@Component("kafkaStreams")
class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
        super("Kafka Streams health check failed");
        this.streams = streams;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var kafkaStreams = streams.getKafkaStreams();
        var state = kafkaStreams == null ? KafkaStreams.State.CREATED : kafkaStreams.state();
        builder.withDetail("state", state.name());
        if (state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
