package app.miniwallet.testsupport.architecture.planted.processor.transfer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

public class ReadsKafkaRecords {

    public long amount(ConsumerRecord<String, Long> record) {
        return record.value();
    }
}
