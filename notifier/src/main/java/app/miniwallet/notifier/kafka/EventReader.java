package app.miniwallet.notifier.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads event records. A record that is not the event it should be is logged with its position and
 * left behind: nobody can be told about an event nobody can read, and stopping on it would stop every
 * notification behind it on that partition. The topics are written by the wallet's own services, so
 * such a record is a bug to fix, which is why it is logged as an error.
 */
@Component
public class EventReader {

    private static final Logger log = LoggerFactory.getLogger(EventReader.class);

    private final JsonMapper json;

    EventReader(JsonMapper json) {
        this.json = json;
    }

    /** An event and the record it came in, whose headers carry the event's trace. */
    public record Read<T>(ConsumerRecord<String, String> record, T event) {}

    public <T> List<T> readAll(List<ConsumerRecord<String, String>> records, Class<T> type) {
        return readEach(records, type).stream().map(Read::event).toList();
    }

    /** The readable events of the records, each with its record. */
    public <T> List<Read<T>> readEach(List<ConsumerRecord<String, String>> records, Class<T> type) {
        var events = new ArrayList<Read<T>>(records.size());
        for (var record : records) {
            try {
                var event = record.value() == null ? null : json.readValue(record.value(), type);
                if (event == null) {
                    log.error(
                            "Skipping the empty record at {}-{}@{}",
                            record.topic(),
                            record.partition(),
                            record.offset());
                } else {
                    events.add(new Read<>(record, event));
                }
            } catch (JacksonException e) {
                log.error(
                        "Skipping the record at {}-{}@{}: not a {}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        type.getSimpleName(),
                        e.getOriginalMessage());
            }
        }
        return events;
    }
}
