package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.contracts.transfer.TransferStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

@ProcessorIntegrationTest
class DeadLetterIntegrationTest {

    @Autowired
    private CommitFaults commitFaults;

    @Autowired
    private ProcessorFixtures fixtures;

    @Test
    void sendsUnreadableAndUnknownRequestsToTheDeadLetterTopicAndAppliesTheRequestBehindThem() {
        var alice = fixtures.userWithBalance("100.00");
        var bob = fixtures.userWithBalance("0.00");
        var key = alice.id().toString();
        var marker = UUID.randomUUID().toString();
        var withoutRow = new TransferRequested(
                TransferRequested.SCHEMA_VERSION,
                TransferId.next(),
                TransferKind.TRANSFER,
                alice.id(),
                bob.id(),
                100,
                2,
                Instant.now());
        var valid = fixtures.pendingTransfer(alice, bob, "1.00");

        var unreadable = fixtures.publishRaw(
                new ProducerRecord<>(Topics.TRANSFER_REQUESTS, key, "{\"transfer_id\": oops " + marker));
        var unknown =
                fixtures.publishRaw(new ProducerRecord<>(Topics.TRANSFER_REQUESTS, key, fixtures.toJson(withoutRow)));
        var behind = fixtures.publish(valid);
        assertThat(behind.partition()).isEqualTo(unreadable.partition()).isEqualTo(unknown.partition());

        fixtures.awaitDecided(valid);
        fixtures.awaitConsumed(unreadable, unknown, behind);

        assertThat(fixtures.transfer(valid).status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(fixtures.deadLettersContaining(marker)).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.key()).isEqualTo(key);
            assertThat(deadLetter.value()).isEqualTo("{\"transfer_id\": oops " + marker);
            assertThat(reasonOf(deadLetter)).startsWith("not a TransferRequested");
            assertThat(deadLetter.headers().lastHeader(Topics.DLT_TRANSFER_ID_HEADER))
                    .isNull();
            assertCameFrom(deadLetter, unreadable);
        });
        assertThat(fixtures.deadLettersContaining(withoutRow.transferId().toString()))
                .singleElement()
                .satisfies(deadLetter -> {
                    assertThat(deadLetter.value()).isEqualTo(fixtures.toJson(withoutRow));
                    assertThat(reasonOf(deadLetter))
                            .isEqualTo("no transfer " + withoutRow.transferId() + " in the transfers table");
                    assertThat(new String(
                                    deadLetter
                                            .headers()
                                            .lastHeader(Topics.DLT_TRANSFER_ID_HEADER)
                                            .value(),
                                    StandardCharsets.UTF_8))
                            .isEqualTo(withoutRow.transferId().toString());
                    assertCameFrom(deadLetter, unknown);
                });
    }

    /**
     * A batch that sent a dead letter commits on the broker while the client hears a timeout, and is read again.
     * Before {@code PublishedRecords} also judged dead letters, this failed with "Expected size: 1 but was: 2": the
     * same poison record on the dead-letter topic twice.
     */
    @Test
    void sendsAPoisonRecordToTheDeadLetterTopicOnceWhenItsBatchIsReadAgainAfterACommitThatWentThrough() {
        var alice = fixtures.userWithBalance("100.00");
        var marker = UUID.randomUUID().toString();
        var faultsBefore = commitFaults.injected();
        commitFaults.arm(marker, CommitFaults.Fault.COMMITTED_BUT_TIMED_OUT);

        var poison = fixtures.publishRaw(
                new ProducerRecord<>(Topics.TRANSFER_REQUESTS, alice.id().toString(), "not json " + marker));
        await().atMost(Duration.ofSeconds(30)).until(() -> commitFaults.injected() > faultsBefore);
        var behind = fixtures.publish(fixtures.pendingTransfer(alice, fixtures.userWithBalance("0.00"), "1.00"));
        fixtures.awaitConsumed(poison, behind);

        assertThat(fixtures.deadLettersContaining(marker))
                .singleElement()
                .satisfies(deadLetter -> assertCameFrom(deadLetter, poison));
    }

    private static String reasonOf(ConsumerRecord<String, String> deadLetter) {
        var header = deadLetter.headers().lastHeader(Topics.DLT_REASON_HEADER);
        assertThat(header).as("reason header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void assertCameFrom(ConsumerRecord<String, String> deadLetter, RecordMetadata original) {
        var headers = deadLetter.headers();
        assertThat(new String(
                        headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.TRANSFER_REQUESTS);
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
                                .value())
                        .getInt())
                .isEqualTo(original.partition());
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                                .value())
                        .getLong())
                .isEqualTo(original.offset());
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)
                                .value())
                        .getLong())
                .isEqualTo(original.timestamp());
    }
}
