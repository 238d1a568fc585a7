package app.miniwallet.analytics.streams;

import app.miniwallet.analytics.AnalyticsSettings;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.platform.WalletTopicsSettings;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;

/**
 * The Kafka Streams application: {@code wallet.transfer-events} → one partition → {@link TransferEventAggregator}.
 *
 * <p>Every event goes through one task, on one partition of the internal topic {@code <application
 * id>-all-events-repartition}. Duplicates are then found whatever key a copy was written with, and every figure
 * (totals, minutes, users, top lists) lives in that task's stores and is committed with the same transaction, so the
 * figures always agree with each other. It costs parallelism: one thread aggregates, the other tasks only read and
 * forward.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class AnalyticsTopology {

    static final String SOURCE = "transfer-events";
    static final String ALL_EVENTS = "all-events";
    static final String AGGREGATOR = "aggregate";

    @Bean(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration analyticsStreamsConfiguration(
            KafkaProperties kafka, AnalyticsSettings settings, WalletTopicsSettings topics, Environment environment) {
        var properties = kafka.buildStreamsProperties();
        var applicationServer = applicationServer(settings, environment);
        if (applicationServer != null) {
            // tells the other instances where this one's API is, for the requests they forward here
            properties.put(
                    StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer.host() + ":" + applicationServer.port());
        }
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // the changelog and repartition topics are replicated like the wallet's own topics
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicas());
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        properties.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        return new KafkaStreamsConfiguration(properties);
    }

    /** Where the other instances reach this one's API; null on a random port, known only once the server runs. */
    static HostInfo applicationServer(AnalyticsSettings settings, Environment environment) {
        var port = environment.getProperty("server.port", Integer.class, 8080);
        return port > 0 ? new HostInfo(settings.advertisedHost(), port) : null;
    }

    /** The stream the factory bean builds its topology from when it starts. */
    @Bean
    KStream<Void, Void> aggregatedTransferEvents(StreamsBuilder builder, AnalyticsSettings settings) {
        return addTo(builder, settings.topWindow());
    }

    /** The topology on its own, for Kafka's TopologyTestDriver. */
    static Topology topology(Duration topWindow) {
        var builder = new StreamsBuilder();
        addTo(builder, topWindow);
        return builder.build();
    }

    private static KStream<Void, Void> addTo(StreamsBuilder builder, Duration topWindow) {
        AnalyticsStores.builders().forEach(builder::addStateStore);
        return builder.stream(
                        Topics.TRANSFER_EVENTS,
                        Consumed.with(Serdes.String(), new TransferEventSerde()).withName(SOURCE))
                .repartition(Repartitioned.<String, TransferEvent>as(ALL_EVENTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new TransferEventSerde())
                        .withNumberOfPartitions(1))
                .process(
                        () -> new TransferEventAggregator(topWindow),
                        Named.as(AGGREGATOR),
                        AnalyticsStores.ALL.toArray(String[]::new));
    }
}
