package app.miniwallet.processor;

import app.miniwallet.contracts.transfer.TransferId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Makes the Kafka commit of the batch that carries a chosen transfer's event fail once, after the
 * database transaction has committed: the transaction is aborted on the broker and the commit
 * throws, as when the broker dies between the two commits. Inactive until armed.
 */
class CommitFaults {

    private final AtomicReference<String> armedFor = new AtomicReference<>();
    private final AtomicInteger injected = new AtomicInteger();

    void failTheCommitCarrying(TransferId transferId) {
        armedFor.set(transferId.toString());
    }

    int injected() {
        return injected.get();
    }

    @SuppressWarnings("unchecked")
    <K, V> Producer<K, V> wrap(Producer<K, V> producer) {
        var carriesArmedTransfer = new boolean[1];
        return (Producer<K, V>) Proxy.newProxyInstance(
                Producer.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "beginTransaction" -> carriesArmedTransfer[0] = false;
                        case "send" -> {
                            var armed = armedFor.get();
                            if (armed != null
                                    && args[0] instanceof ProducerRecord<?, ?> record
                                    && String.valueOf(record.value()).contains(armed)) {
                                carriesArmedTransfer[0] = true;
                            }
                        }
                        case "commitTransaction" -> {
                            var armed = armedFor.get();
                            if (carriesArmedTransfer[0] && armed != null && armedFor.compareAndSet(armed, null)) {
                                // the events reach the log first, so the aborted copy is really there
                                producer.flush();
                                producer.abortTransaction();
                                injected.incrementAndGet();
                                throw new KafkaException("injected: Kafka commit failed after the database committed");
                            }
                        }
                        default -> {}
                    }
                    try {
                        return method.invoke(producer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
