package app.miniwallet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.user.Users;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import app.miniwallet.platform.encryption.EventEncryptionSettings;
import app.miniwallet.platform.encryption.EventFieldCipher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token an account email carries is in clear neither in the outbox row nor in the record on Kafka, in no encoding
 * of its bytes; only the notifier's key opens it, and the link it makes still works.
 */
@ApiIntegrationTest
class AccountEmailSecrecyIntegrationTest {

    private static final String PASSWORD = "a long enough password";

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    AccountEmails accountEmails;

    @Autowired
    Users users;

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventFieldCipher notifiersCipher =
            new EventFieldCipher(new EventEncryptionSettings(WalletTestStack.EVENT_ENCRYPTION_KEY, null));
    private AccountEmailsProbe emails;

    @BeforeEach
    void listenForEmails() {
        emails = new AccountEmailsProbe();
    }

    @AfterEach
    void stopListening() {
        emails.close();
    }

    @Test
    void theRecordOnKafkaHoldsOnlyTheCiphertextAndTheTokenItOpensToVerifiesTheAddress() {
        var email = "secretive." + UUID.randomUUID() + "@example.test";
        fixtures.client()
                .post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "name", "Secretive", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD))
                .exchange()
                .expectStatus()
                .isCreated();

        var verification = emails.awaitEmailTo(email, Purpose.VERIFY_EMAIL);

        var record = json.readTree(verification.recordValue());
        assertThat(record.get("token_ciphertext").asString()).startsWith("v1.test.");
        assertThat(record.has("token")).isFalse();
        assertThat(verification.recordValue()).doesNotContain(everyEncodingOf(verification.token()));
        fixtures.client()
                .post()
                .uri("/api/auth/verify-email")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", verification.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    @Test
    void theOutboxRowHoldsOnlyTheCiphertext() {
        var person = fixtures.personWithNoMoney();
        var user = users.findById(person.account().value()).orElseThrow();

        transaction.executeWithoutResult(status -> {
            // read before the relay could publish and delete it: the row as it is committed, then nothing committed
            status.setRollbackOnly();
            accountEmails.send(user, Purpose.RESET_PASSWORD);
            var payload = jdbc.sql(
                            "select payload::text from outbox where topic = ? and message_key = ? order by id desc limit 1")
                    .params(Topics.USER_EVENTS, user.id().toString())
                    .query(String.class)
                    .single();
            var event = json.readValue(payload, AccountEmailRequested.class);
            var token = notifiersCipher.decrypt(
                    event.tokenCiphertext(),
                    AccountEmailRequested.tokenAssociatedData(event.eventId(), event.userId(), event.purpose()));

            assertThat(token).isNotBlank();
            assertThat(payload).doesNotContain(everyEncodingOf(token));
        });
    }

    /** The token as the link carries it (base64url), in standard base64 and in hex, upper and lower case. */
    private static String[] everyEncodingOf(String token) {
        var bytes = Base64.getUrlDecoder().decode(token);
        var base64 = Base64.getEncoder().encodeToString(bytes);
        return new String[] {
            token,
            base64,
            base64.replace("=", ""),
            HexFormat.of().formatHex(bytes),
            HexFormat.of().withUpperCase().formatHex(bytes)
        };
    }
}
