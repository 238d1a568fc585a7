package app.miniwallet.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.platform.auth.AccessTokenClaims;
import app.miniwallet.testsupport.stack.WalletTestStack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * An api whose PostgreSQL is stopped: the failure is the server's and passes, so every request hears a 503 with
 * Retry-After in problem+json, never a 500. The api runs against a PostgreSQL of its own, stopped by the test, so the
 * shared one stays up for everything else.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a request waits this long (ms) for a connection before it is answered
        properties = {"spring.datasource.hikari.connection-timeout=500", "wallet.top-ups.mode=instant"})
@ContextConfiguration(initializers = DatabaseUnavailableIntegrationTest.OwnPostgres.class)
@DirtiesContext
class DatabaseUnavailableIntegrationTest {

    private static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder tokens;

    @Test
    void whileThePostgresIsDownRequestsAreAnswered503WithRetryAfterNot500() throws IOException {
        var token = accessTokenOf(1_000);
        postgres.close();

        // the access token's revocation check, inside the security filters, is the first to need the database
        var transfer = client().post()
                .uri("/api/transfers")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"receiver_id\": 1001, \"amount\": \"10.00\"}")
                .exchange();
        assertRetryLater(transfer, "/api/transfers");

        // no token: the controller's query is the first
        var signIn = client().post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"email\": \"someone@example.com\", \"password\": \"correct horse battery\"}")
                .exchange();
        assertRetryLater(signIn, "/api/auth/login");
    }

    private static void assertRetryLater(RestTestClient.ResponseSpec response, String path) {
        var result = response.returnResult(Map.class);
        assertThat(result.getStatus().value())
                .as("%s: %s", path, result.getResponseBody())
                .isEqualTo(503);
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseBody())
                .containsEntry("status", 503)
                .containsEntry("instance", path)
                .extractingByKey("detail")
                .asString()
                .contains("Please try again");
    }

    private String accessTokenOf(long userId) {
        var now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .issuer(AccessTokenClaims.ISSUER)
                .subject(Long.toString(userId))
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600))
                .claim(AccessTokenClaims.GENERATION, 0)
                .build();
        return tokens.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private RestTestClient client() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    /** The shared Kafka, a PostgreSQL of this test's own. */
    static class OwnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            postgres = WalletTestStack.startOwnPostgres();
            var properties =
                    new HashMap<String, Object>(WalletTestStack.shared().springProperties(postgres));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-postgres", properties));
        }
    }
}
