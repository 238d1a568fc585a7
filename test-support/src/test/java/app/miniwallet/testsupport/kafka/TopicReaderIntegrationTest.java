package app.miniwallet.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TopicReaderIntegrationTest {

    private final String bootstrapServers = WalletTestStack.shared().kafkaBootstrapServers();

    @Test
    void readsEveryPartitionFromItsBeginningToItsEnd() throws Exception {
        var topic = newTopic(3);
        try (var producer = producer(Map.of())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, i % 3, "key-" + i, "value-" + i));
            }
        }

        assertThat(TopicReader.readCommitted(bootstrapServers).readToEnd(topic))
                .extracting(ConsumerRecord::value)
                .hasSize(30)
                .contains("value-0", "value-29");
    }

    @Test
    void showsAbortedRecordsOnlyToAnUncommittedReader() throws Exception {
        var topic = newTopic(1);
        try (var producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-test-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "alpha", "aborted"));
            // on the broker before the abort, which drops what is still unsent
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "alpha", "committed"));
            producer.commitTransaction();
        }

        assertThat(TopicReader.readUncommitted(bootstrapServers).readToEnd(topic))
                .extracting(ConsumerRecord::value)
                .containsExactly("aborted", "committed");
        assertThat(TopicReader.readCommitted(bootstrapServers).readToEnd(topic))
                .extracting(ConsumerRecord::value)
                .doesNotContain("aborted");
    }

    private String newTopic(int partitions) throws Exception {
        var topic = "topic-reader-test-" + UUID.randomUUID();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        return topic;
    }

    private KafkaProducer<String, String> producer(Map<String, Object> extra) {
        var settings = new HashMap<String, Object>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        settings.putAll(extra);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }
}
