package app.miniwallet.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.RejectionReason;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.contracts.transfer.TransferRequested;
import app.miniwallet.contracts.user.AccountEmailRequested;
import com.networknt.schema.InputFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every message the services put on a wallet topic, serialised the way they serialise it, is valid against its
 * published schema, and the schema names every property the message has: a field added to an event without its
 * schema fails here.
 */
class EventSchemasUnitTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final TransferId TRANSFER = TransferId.next();
    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30.123456Z");

    static Stream<Arguments> everyMessageType() {
        TransferEvent completed = new TransferCompleted(
                TransferEvent.eventIdFor(TRANSFER),
                TransferEvent.SCHEMA_VERSION,
                NOW,
                TRANSFER,
                TransferKind.TRANSFER,
                AccountId.of(1001),
                AccountId.of(1002),
                1_000,
                15,
                98_985,
                11_000,
                NOW.minusMillis(20));
        TransferEvent topUp = new TransferCompleted(
                TransferEvent.eventIdFor(TRANSFER),
                TransferEvent.SCHEMA_VERSION,
                NOW,
                TRANSFER,
                TransferKind.TOP_UP,
                AccountId.CASH_IN,
                AccountId.of(1002),
                500_000,
                0,
                -7_500_000,
                510_000,
                NOW.minusMillis(20));
        TransferEvent rejected = new TransferRejected(
                TransferEvent.eventIdFor(TRANSFER),
                TransferEvent.SCHEMA_VERSION,
                NOW,
                TRANSFER,
                TransferKind.TRANSFER,
                AccountId.of(1001),
                AccountId.of(1002),
                10_000,
                150,
                RejectionReason.INSUFFICIENT_FUNDS,
                1_050,
                NOW.minusMillis(20));
        var requested = new TransferRequested(
                TransferRequested.SCHEMA_VERSION,
                TRANSFER,
                TransferKind.TRANSFER,
                AccountId.of(1001),
                AccountId.of(1002),
                1_000,
                15,
                NOW);
        var email = new AccountEmailRequested(
                UUID.randomUUID(),
                AccountEmailRequested.SCHEMA_VERSION,
                NOW,
                AccountEmailRequested.Purpose.RESET_PASSWORD,
                AccountId.of(1001),
                "ada@example.com",
                "Ada Lovelace",
                "v1.k1.3q2-7wBbD1aT6bYz0Yq5xWf9Lk2pR4sT8uVwXyZaBcDeFgHiJkLmNoPqRsTuVwXyZa",
                NOW.plusSeconds(3_600));
        return Stream.of(
                Arguments.of("transfer-completed.schema.json", completed),
                Arguments.of("transfer-completed.schema.json", topUp),
                Arguments.of("transfer-rejected.schema.json", rejected),
                Arguments.of("transfer-requested.schema.json", requested),
                Arguments.of("account-email-requested.schema.json", email));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessageType")
    void theSerialisedMessageIsValidAndEveryPropertyIsInItsSchema(String schemaFile, Object message) {
        var text = json.writeValueAsString(message);

        assertThat(EventSchemas.validator(schemaFile).validate(text, InputFormat.JSON))
                .as(text)
                .isEmpty();
        var declared =
                EventSchemas.read(EventSchemas.CURRENT.resolve(schemaFile)).get("properties");
        var undeclared = new ArrayList<String>();
        json.readTree(text).propertyNames().forEach(name -> {
            if (!declared.has(name)) {
                undeclared.add(name);
            }
        });
        assertThat(undeclared)
                .as("properties of %s its schema does not name", schemaFile)
                .isEmpty();
    }

    /** The validator is really at work: a message of the wrong shape fails, naming what is wrong. */
    @Test
    void aMessageOfTheWrongShapeIsInvalid() {
        var text = "{\"event_type\":\"TransferCompleted\",\"amount_minor\":\"10.00\"}";

        var errors = EventSchemas.validator("transfer-completed.schema.json").validate(text, InputFormat.JSON);

        assertThat(errors).extracting(Object::toString).anySatisfy(error -> assertThat(error)
                .contains("amount_minor"));
        assertThat(errors).extracting(Object::toString).anySatisfy(error -> assertThat(error)
                .contains("event_id"));
    }
}
