package app.miniwallet.contracts.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TransferEventJsonUnitTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final TransferId transferId = TransferId.parse("0b5f3a5e-8a59-4c5e-9d0e-5a1b2c3d4e5f");

    @Test
    void writesTheDocumentedSchemaForACompletedTransfer() {
        TransferEvent event = new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                Instant.parse("2026-11-21T10:15:30.123456Z"),
                transferId,
                TransferKind.TRANSFER,
                AccountId.of(1001),
                AccountId.of(1002),
                1000,
                15,
                98_985,
                11_000,
                Instant.parse("2026-11-21T10:15:30Z"));

        var tree = json.readTree(json.writeValueAsString(event));

        assertThat(tree.get("event_type").asString()).isEqualTo("TransferCompleted");
        assertThat(tree.get("schema_version").asInt()).isEqualTo(1);
        assertThat(tree.get("transfer_id").asString()).isEqualTo(transferId.toString());
        assertThat(tree.get("sender_id").asLong()).isEqualTo(1001);
        assertThat(tree.get("amount_minor").asLong()).isEqualTo(1000);
        assertThat(tree.get("sender_balance_after_minor").asLong()).isEqualTo(98_985);
        assertThat(json.readValue(json.writeValueAsString(event), TransferEvent.class))
                .isEqualTo(event);
    }

    @Test
    void readsARejectionBackAsTheSameRecord() {
        TransferEvent event = new TransferRejected(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                Instant.parse("2026-11-21T10:15:30Z"),
                transferId,
                TransferKind.TRANSFER,
                AccountId.of(1001),
                AccountId.of(1002),
                10_000,
                150,
                RejectionReason.INSUFFICIENT_FUNDS,
                1_050,
                Instant.parse("2026-11-21T10:15:29Z"));

        var text = json.writeValueAsString(event);

        assertThat(text).contains("\"event_type\":\"TransferRejected\"", "\"reason\":\"INSUFFICIENT_FUNDS\"");
        assertThat(json.readValue(text, TransferEvent.class)).isEqualTo(event);
    }

    @Test
    void derivesOneEventIdPerTransfer() {
        assertThat(TransferEvent.eventIdFor(transferId))
                .isEqualTo(TransferEvent.eventIdFor(TransferId.parse(transferId.toString())))
                .isNotEqualTo(TransferEvent.eventIdFor(TransferId.next()));
    }

    @Test
    void keysARequestByTheUserWhoAsked() {
        var transfer = new TransferRequested(
                1, transferId, TransferKind.TRANSFER, AccountId.of(1001), AccountId.of(1002), 100, 2, Instant.now());
        var topUp = new TransferRequested(
                1, transferId, TransferKind.TOP_UP, AccountId.CASH_IN, AccountId.of(1002), 100, 0, Instant.now());

        assertThat(transfer.requestKey()).isEqualTo("1001");
        assertThat(topUp.requestKey()).isEqualTo("1002");
        assertThat(json.readValue(json.writeValueAsString(transfer), TransferRequested.class))
                .isEqualTo(transfer);
    }
}
