package app.miniwallet.notifier.email.kafka;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.notifier.email.AccountEmail;
import app.miniwallet.notifier.email.AccountEmailTokens;
import app.miniwallet.notifier.email.EmailRequests;
import app.miniwallet.notifier.kafka.EventReader;
import app.miniwallet.platform.encryption.EventFieldCipher.UnreadableCiphertextException;
import app.miniwallet.platform.tracing.Traces;
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
 *
 * <p>Each event's work continues the trace its record's {@code traceparent} header carries (a transfer's since the api
 * accepted it, an account email's since the request that asked for it); the line logged about it names the trace, and
 * the transfer where there is one.
 *
 * <p>An account email whose token does not decrypt (altered, moved from another event, or under a key this notifier
 * lacks) is logged as an error and skipped like any other unreadable record: no email goes out, and the partition
 * moves on. So is one that lacks its event id, purpose, user or address.
 */
@Component
class EmailEventListener {

    private static final Logger log = LoggerFactory.getLogger(EmailEventListener.class);

    private final EventReader reader;
    private final EmailRequests requests;
    private final AccountEmailTokens tokens;
    private final Traces traces;

    EmailEventListener(EventReader reader, EmailRequests requests, AccountEmailTokens tokens, Traces traces) {
        this.reader = reader;
        this.requests = requests;
        this.tokens = tokens;
        this.traces = traces;
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
        var transferEvents = reader.readEach(transferRecords, TransferEvent.class);
        var accountEmails = new ArrayList<EventReader.Read<AccountEmail>>();
        for (var read : reader.readEach(userRecords, AccountEmailRequested.class)) {
            var request = read.event();
            var missing = missingFields(request);
            if (!missing.isEmpty()) {
                log.error(
                        "Skipping the account email at {}-{}@{} (event {}): it lacks {}",
                        read.record().topic(),
                        read.record().partition(),
                        read.record().offset(),
                        request.eventId(),
                        String.join(", ", missing));
                continue;
            }
            try {
                accountEmails.add(new EventReader.Read<>(read.record(), tokens.open(request)));
            } catch (UnreadableCiphertextException e) {
                log.error(
                        "Skipping the account email at {}-{}@{} ({} for user {}, event {}): its token does not"
                                + " decrypt: {}",
                        read.record().topic(),
                        read.record().partition(),
                        read.record().offset(),
                        request.purpose(),
                        request.userId(),
                        request.eventId(),
                        e.getMessage());
            }
        }
        var transferWork = transferEvents.stream()
                .map(read -> traces.continueFrom(read.record(), "email queue"))
                .toList();
        var accountWork = accountEmails.stream()
                .map(read -> traces.continueFrom(read.record(), "email queue"))
                .toList();
        var taken = requests.takeOn(
                transferEvents.stream().map(EventReader.Read::event).toList(),
                accountEmails.stream().map(EventReader.Read::event).toList());
        log.debug("{} events: {} emails taken on", records.size(), taken);
        // a batch that fails before here leaves its spans unended: nothing keeps or exports them
        for (int i = 0; i < transferEvents.size(); i++) {
            var event = transferEvents.get(i).event();
            try (var context = transferWork.get(i).open(event.transferId())) {
                log.info(
                        "Transfer {} {}: receipts queued for email",
                        event.transferId(),
                        event.getClass().getSimpleName());
            }
            transferWork.get(i).end();
        }
        for (int i = 0; i < accountEmails.size(); i++) {
            var request = accountEmails.get(i).event().request();
            try (var scope = accountWork.get(i).open()) {
                log.info("Account email {} for user {} queued", request.purpose(), request.userId());
            }
            accountWork.get(i).end();
        }
    }

    /**
     * What an account email cannot go out without, nor be recorded as sent: such a request is skipped like an unreadable
     * record, since trying it again would stop its partition for good.
     */
    private static List<String> missingFields(AccountEmailRequested request) {
        var missing = new ArrayList<String>();
        if (request.eventId() == null) {
            missing.add("event_id");
        }
        if (request.purpose() == null) {
            missing.add("purpose");
        }
        if (request.userId() == null) {
            missing.add("user_id");
        }
        if (request.email() == null || request.email().isBlank()) {
            missing.add("email");
        }
        return missing;
    }
}
