package app.miniwallet.analytics.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON for the values of the state stores and the internal topic: readable with any Kafka tool. */
class JsonSerde<T> implements Serde<T> {

    static final JsonMapper JSON = JsonMapper.builder()
            // the event contract is only ever extended: a field this version does not know is ignored
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Class<T> type;

    JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : JSON.writerFor(type).writeValueAsBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return check(JSON.readValue(bytes, type));
            } catch (JacksonException e) {
                throw new SerializationException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
        };
    }

    /** A value that parsed but cannot be used; throws {@link SerializationException} to have it skipped. */
    T check(T value) {
        return value;
    }
}
