package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.Concurrently;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/** Stripe semantics: the same key and body give the same transfer; another body is refused. */
@ApiIntegrationTest
class IdempotencyKeyIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Person sender;
    Person receiver;

    @BeforeEach
    void twoPeople() {
        sender = fixtures.personWith("500.00");
        receiver = fixtures.personWithNoMoney();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameTransferAndResponse() {
        var key = UUID.randomUUID().toString();

        var first = submit(key, "25.00");
        var retry = submit(key, "25.00");

        assertThat(first.getStatus().value()).isEqualTo(202);
        assertThat(retry.getStatus().value()).isEqualTo(202);
        assertThat(body(retry)).isEqualTo(body(first));
        assertThat(retry.getResponseHeaders().getLocation())
                .isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(transfersRequestedBy(sender)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithTheSameKeyMakeOneTransfer() {
        var key = UUID.randomUUID().toString();
        var results = Concurrently.run(12, i -> submit(key, "10.00"));

        assertThat(results)
                .allSatisfy(result -> assertThat(result.getStatus().value()).isEqualTo(202));
        assertThat(results.stream().map(IdempotencyKeyIntegrationTest::body).distinct())
                .hasSize(1);
        assertThat(transfersRequestedBy(sender)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        var key = UUID.randomUUID().toString();
        submit(key, "25.00");

        var reuse = submit(key, "26.00");

        assertThat(reuse.getStatus().value()).isEqualTo(422);
        assertThat(body(reuse)).contains("\"field\":\"Idempotency-Key\"", "was already used for a different request");
        assertThat(transfersRequestedBy(sender)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestIsANewTransfer() {
        submit(null, "1.00");
        submit(null, "1.00");

        assertThat(transfersRequestedBy(sender)).isEqualTo(2);
    }

    private EntityExchangeResult<byte[]> submit(String key, String amount) {
        var request = fixtures.client()
                .post()
                .uri("/api/transfers")
                .header("Authorization", sender.bearer())
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body("{\"receiver_id\": " + receiver.account() + ", \"amount\": \"" + amount + "\"}")
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        return new String(result.getResponseBody(), StandardCharsets.UTF_8);
    }

    private long transfersRequestedBy(Person person) {
        return jdbc.sql("select count(*) from transfers where requested_by = ? and kind = 'TRANSFER'")
                .param(person.account().value())
                .query(Long.class)
                .single();
    }
}
