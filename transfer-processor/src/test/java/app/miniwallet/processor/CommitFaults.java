package app.miniwallet.processor;

import app.miniwallet.contracts.transfer.TransferId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Makes the Kafka commit of the batch that carries a chosen transfer's event go wrong once, after the database
 * transaction has committed, in one of three ways. Inactive until armed.
 */
class CommitFaults {

    /** How the armed commit goes wrong. */
    enum Fault {
        /**
         * The transaction is aborted on the broker and the commit throws, as when the broker dies between the two
         * commits.
         */
        ABORTED,
        /**
         * Another producer initialises the same transactional id first, so the coordinator aborts the transaction
         * and bumps the epoch, as it does when a transaction outlives {@code transaction.timeout.ms}: the real
         * commit then fails with the broker's own {@code ProducerFencedException}.
         */
        FENCED,
        /**
         * The commit goes through on the broker but the client hears nothing back in time, as when {@code
         * commitTransaction} times out after the coordinator wrote PREPARE_COMMIT.
         */
        COMMITTED_BUT_TIMED_OUT
    }

    private record Armed(String transferId, Fault fault) {}

    private final String bootstrapServers;
    private final String transactionalIdPrefix;
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private final AtomicInteger injected = new AtomicInteger();

    CommitFaults(String bootstrapServers, String transactionalIdPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.transactionalIdPrefix = transactionalIdPrefix;
    }

    void failTheCommitCarrying(TransferId transferId) {
        arm(transferId, Fault.ABORTED);
    }

    void arm(TransferId transferId, Fault fault) {
        arm(transferId.toString(), fault);
    }

    /** Arms the commit of the batch that sends a record whose value contains {@code marker}. */
    void arm(String marker, Fault fault) {
        armed.set(new Armed(marker, fault));
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
                            var current = armed.get();
                            if (current != null
                                    && args[0] instanceof ProducerRecord<?, ?> record
                                    && String.valueOf(record.value()).contains(current.transferId())) {
                                carriesArmedTransfer[0] = true;
                            }
                        }
                        case "commitTransaction" -> {
                            var current = armed.get();
                            if (carriesArmedTransfer[0] && current != null && armed.compareAndSet(current, null)) {
                                injected.incrementAndGet();
                                commitGoingWrong(producer, current.fault());
                                return null;
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

    private void commitGoingWrong(Producer<?, ?> producer, Fault fault) {
        // the events reach the log first, so the aborted copy is really there
        producer.flush();
        switch (fault) {
            case ABORTED -> {
                producer.abortTransaction();
                throw new KafkaException("injected: Kafka commit failed after the database committed");
            }
            case FENCED -> {
                var open = openTransactions();
                if (open.isEmpty()) {
                    throw new IllegalStateException("the broker lists no open transaction to fence");
                }
                open.forEach(this::fence);
                producer.commitTransaction(); // throws the broker's ProducerFencedException
                throw new IllegalStateException("the commit of a fenced producer went through");
            }
            case COMMITTED_BUT_TIMED_OUT -> {
                producer.commitTransaction();
                throw new TimeoutException("injected: no answer to the commit within the client's timeout");
            }
        }
    }

    /** What a second instance with the same transactional id does when it starts: InitProducerId, a new epoch. */
    private void fence(String transactionalId) {
        try (var successor = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(),
                new StringSerializer())) {
            successor.initTransactions();
        }
    }

    /**
     * The transactional ids of this processor's transactions that are open now, as the broker lists them: the armed
     * one among them (its events were flushed). Another consumer's open transaction is fenced too, which only makes
     * that batch go round once more.
     */
    private List<String> openTransactions() {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .filter(listing -> listing.transactionalId().startsWith(transactionalIdPrefix)
                            && listing.state() == TransactionState.ONGOING)
                    .map(TransactionListing::transactionalId)
                    .toList();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not list the open transactions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the open transactions", e);
        }
    }
}
