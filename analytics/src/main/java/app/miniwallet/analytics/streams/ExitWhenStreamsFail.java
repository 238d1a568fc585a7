package app.miniwallet.analytics.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.stereotype.Component;

/**
 * Ends the process when the Kafka Streams client has failed for good (state ERROR: a stream thread died of an
 * exception and the client shut down). A process that runs on without its stream would serve figures that never move;
 * its supervisor (the dev stack, systemd, Kubernetes) restarts it instead, and the restart resumes from the last
 * commit.
 */
@Component
class ExitWhenStreamsFail implements StreamsBuilderFactoryBeanConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ExitWhenStreamsFail.class);

    private final ConfigurableApplicationContext context;

    ExitWhenStreamsFail(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void configure(StreamsBuilderFactoryBean factoryBean) {
        factoryBean.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.ERROR) {
                log.error("The Kafka Streams client failed ({} → ERROR); exiting so that it is restarted", oldState);
                // not on the stream's own thread: closing the context waits for that thread
                new Thread(() -> System.exit(SpringApplication.exit(context, () -> 1)), "exit-on-streams-failure")
                        .start();
            }
        });
    }
}
