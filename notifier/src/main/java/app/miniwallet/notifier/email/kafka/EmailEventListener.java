package app.miniwallet.notifier.email.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.notifier.email.EmailRequests;
import app.miniwallet.notifier.kafka.EventReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The email side of the events, in its own consumer group (shared by all instances), so that email
 * and the feed never wait for each other. It only records emails in PostgreSQL, which is quick and
 * does not depend on SMTP; its offsets are committed after that transaction.
 */
@Component
class EmailEventListener {

    private static final Logger log = LoggerFactory.getLogger(EmailEventListener.class);

    private final EventReader reader;
    private final EmailRequests requests;

    EmailEventListener(EventReader reader, EmailRequests requests) {
        this.reader = reader;
        this.requests = requests;
    }

    @KafkaListener(
            id = "notifier-email",
            topics = {Topics.TRANSFER_EVENTS, Topics.USER_EVENTS},
            batch = "true",
            concurrency = "${wallet.notifier.email.concurrency}")
    void onEvents(List<ConsumerRecord<String, String>> records) {
        var transferRecords = new ArrayList<ConsumerRecord<String, String>>();
        var userRecords = new ArrayList<ConsumerRecord<String, String>>();
        for (var record : records) {
            (Topics.USER_EVENTS.equals(record.topic()) ? userRecords : transferRecords).add(record);
        }
        var taken = requests.takeOn(
                reader.readAll(transferRecords, TransferEvent.class),
                reader.readAll(userRecords, AccountEmailRequested.class));
        log.debug("{} events: {} emails taken on", records.size(), taken);
    }
}
