package app.miniwallet.processor.transfer.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.springframework.kafka.core.ProducerPostProcessor;

/**
 * Makes a fenced producer fail its batch the way every other Kafka failure does, so the batch is read again.
 *
 * <p>Spring Kafka treats a {@link ProducerFencedException} during a batch's transaction as final: the container logs
 * it and polls on without rolling back or seeking (unless it stops altogether), so the consumer's position stays past
 * the batch and the next transaction commits offsets beyond it. The batch's database transaction has committed by
 * then, so its transfers would be decided with no event, feed message or email, ever. It happens without any zombie:
 * a transaction that outlives {@code transaction.timeout.ms} (a follower stalled under {@code acks=all}, a long pause)
 * is aborted by the coordinator with an epoch bump, and to the client that timeout looks like a fence (KAFKA-9803;
 * spring-kafka issue 1612).
 *
 * <p>Rethrown as a plain {@link KafkaException}, the fence takes the container's rollback path: the after-rollback
 * processor seeks back to the batch, the failed producer is closed, a new one (a new epoch) begins the next
 * transaction, and {@code TransferBatch} finds the batch's transfers decided by these very records and emits their
 * stored results. A real zombie (another live process with this instance id) is stopped by the group instead: its
 * consumer is fenced by the static membership it lost.
 */
final class FencedProducers implements ProducerPostProcessor<Object, Object> {

    @Override
    public Producer<Object, Object> apply(Producer<Object, Object> producer) {
        return retryableWhenFenced(producer);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Producer<K, V> retryableWhenFenced(Producer<K, V> producer) {
        return (Producer<K, V>) Proxy.newProxyInstance(
                Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(producer, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof ProducerFencedException fenced) {
                            throw new KafkaException(
                                    "producer fenced during " + method.getName()
                                            + " (a transaction timeout looks the same); the batch is read again",
                                    fenced);
                        }
                        throw e.getCause();
                    }
                });
    }
}
