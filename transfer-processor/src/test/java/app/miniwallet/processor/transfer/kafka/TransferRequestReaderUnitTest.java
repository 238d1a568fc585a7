package app.miniwallet.processor.transfer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRequested;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TransferRequestReaderUnitTest {

    private static final TransferId TRANSFER = TransferId.parse("019a8f2e-1c3d-7e4f-8a5b-6c7d8e9f0a1b");

    private final JsonMapper json = JsonMapper.builder().build();
    private final TransferRequestReader reader = new TransferRequestReader(json);

    @Test
    void readsTheTransferIdOfARequestAsTheApiWritesIt() {
        var request = new TransferRequested(
                TransferRequested.SCHEMA_VERSION,
                TRANSFER,
                TransferKind.TRANSFER,
                AccountId.of(1001),
                AccountId.of(1002),
                1_000,
                15,
                Instant.parse("2026-11-21T10:00:00.123456Z"));

        assertThat(read(json.writeValueAsString(request))).isEqualTo(new TransferRequestReader.Readable(TRANSFER));
    }

    @Test
    void skipsFieldsItDoesNotNeedWhereverTheIdComes() {
        var value = "{\"extra\": {\"transfer_id\": \"not this one\", \"list\": [1, {\"a\": null}]},"
                + " \"transfer_id\": \"" + TRANSFER + "\", \"later\": [true]}";

        assertThat(read(value)).isEqualTo(new TransferRequestReader.Readable(TRANSFER));
    }

    @Test
    void namesWhatIsWrongWithAnUnreadableRequest() {
        assertThat(reason("")).isEqualTo("empty value");
        assertThat(reason("{\"transfer_id\": oops")).startsWith("not a TransferRequested: Unrecognized token 'oops'");
        assertThat(reason("[\"" + TRANSFER + "\"]")).isEqualTo("not a TransferRequested: not a JSON object");
        assertThat(reason("{\"transfer_id\": \"" + TRANSFER + "\"} {}"))
                .isEqualTo("not a TransferRequested: more after the JSON object");
        assertThat(reason("{\"amount_minor\": 100}")).isEqualTo("no transfer_id in the request");
        assertThat(reason("{\"transfer_id\": 42}")).isEqualTo("no transfer_id in the request");
        assertThat(reason("{\"transfer_id\": \"42\"}"))
                .startsWith("not a TransferRequested: transfer_id is not a UUID");
    }

    private TransferRequestReader.Reading read(String value) {
        return reader.read(new ConsumerRecord<>(Topics.TRANSFER_REQUESTS, 0, 7L, "1001", value));
    }

    private String reason(String value) {
        var reading = read(value);
        assertThat(reading).isInstanceOf(TransferRequestReader.Unreadable.class);
        return ((TransferRequestReader.Unreadable) reading).reason();
    }
}
