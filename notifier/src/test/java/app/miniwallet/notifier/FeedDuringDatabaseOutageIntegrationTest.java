package app.miniwallet.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.notifier.TestUsers.TestUser;
import app.miniwallet.testsupport.feed.FeedClient;
import app.miniwallet.testsupport.stack.WalletTestStack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.HashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A notifier whose PostgreSQL is stopped: the access token's revocation check cannot be made, so a page connecting to
 * the live feed hears that the feed is away for a moment and when to try again, not that something went wrong. The
 * notifier runs against a PostgreSQL of its own, stopped by the test, so the shared one stays up for everything else;
 * its Kafka listeners do not start, so it takes no events from the other tests' notifier.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FeedDuringDatabaseOutageIntegrationTest.OwnPostgres.class)
@DirtiesContext
class FeedDuringDatabaseOutageIntegrationTest {

    private static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;

    @Test
    void aConnectionWhileTheDatabaseIsDownIsToldToConnectAgainInAFewSeconds() throws IOException {
        var token = AccessTokens.validFor(new TestUser(AccountId.of(1_000), "Dora Outage", "dora@example.com"));
        postgres.close();

        var refused = FeedClient.connectExpectingRefusal(port, token.value());

        assertThat(refused.awaitRefusal())
                .isEqualTo("the feed is unavailable for a moment; connect again in a few seconds");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    /** The shared Kafka, the test SMTP server, a PostgreSQL of this test's own. */
    static class OwnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            postgres = WalletTestStack.startOwnPostgres();
            var properties = new HashMap<String, Object>(NotifierIntegrationTest.properties());
            properties.putAll(WalletTestStack.shared().springProperties(postgres));
            properties.put("spring.kafka.listener.auto-startup", "false");
            // a connection attempt waits this long (ms) for the database before it is answered
            properties.put("spring.datasource.hikari.connection-timeout", "500");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-postgres", properties));
        }
    }
}
