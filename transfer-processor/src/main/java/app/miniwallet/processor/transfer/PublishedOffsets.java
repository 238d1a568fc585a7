package app.miniwallet.processor.transfer;

import java.util.Map;

/**
 * What the processor knows to have been published: per partition of the request topic, the offset below which every
 * record's results were committed to Kafka. It only ever grows, unlike the consumer group's committed offset.
 */
public interface PublishedOffsets {

    /**
     * Raises what is known to {@code committed} where that is higher, and returns what is known now for those
     * partitions.
     *
     * @param committed per partition, the consumer group's committed offset (the next record to read); 0 when the
     *     group has none
     */
    Map<Integer, Long> raise(Map<Integer, Long> committed);
}
