package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.operator.ActuatorAccess;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Only the operator's credential opens the admin API and the actuator; anonymous callers see only health's status.
 */
@ProcessorIntegrationTest
class OperatorAuthenticationIntegrationTest {

    @Autowired
    private JsonMapper json;

    @LocalServerPort
    private int port;

    private AdminApi operator;

    @BeforeEach
    void operator() {
        operator = AdminApi.asOperator(port, json);
    }

    @Test
    void letsTheOperatorList() {
        assertThat(operator.get("/admin/dead-letters").status()).isEqualTo(200);
    }

    @Test
    void refusesARequestWithoutACredentialWithABasicChallenge() {
        var anonymous = operator.withAuthorization(null);

        for (var answer : new AdminApi.Answer[] {
            anonymous.get("/admin/dead-letters"),
            anonymous.post("/admin/dead-letters/redrive"),
            anonymous.post("/admin/dead-letters/0/0/redrive")
        }) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.wwwAuthenticate()).startsWith("Basic realm=\"wallet-operator\"");
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void refusesAWrongPasswordOrUserName() {
        var wrongPassword = operator.withAuthorization(AdminApi.basic(AdminApi.OPERATOR, "not-the-operator-password"));
        var wrongName = operator.withAuthorization(AdminApi.basic("admin", AdminApi.OPERATOR_PASSWORD));
        var passwordPrefix = operator.withAuthorization(
                AdminApi.basic(AdminApi.OPERATOR, AdminApi.OPERATOR_PASSWORD.substring(0, 10)));

        assertThat(wrongPassword.get("/admin/dead-letters").status()).isEqualTo(401);
        assertThat(wrongName.get("/admin/dead-letters").status()).isEqualTo(401);
        assertThat(passwordPrefix.get("/admin/dead-letters").status()).isEqualTo(401);
        assertThat(wrongPassword.post("/admin/dead-letters/redrive").status()).isEqualTo(401);
    }

    @Test
    void refusesAUsersValidAccessToken() {
        var token = new AccessTokenSigner(WalletTestStack.JWT_SECRET, Duration.ofHours(1))
                .sign(1001, Instant.now())
                .value();
        var user = operator.withAuthorization("Bearer " + token);

        assertThat(user.get("/admin/dead-letters").status()).isEqualTo(401);
        assertThat(user.post("/admin/dead-letters/redrive").status()).isEqualTo(401);
    }

    @Test
    void showsAnonymousCallersOnlyHealthsStatusAndTheOperatorTheDetailsAndTheMetrics() {
        ActuatorAccess.assertOnlyTheOperatorSeesMoreThanTheStatus(URI.create("http://localhost:" + port + "/"));
    }

    @Test
    void answersBadInputWithAProblemNotA500() {
        var notANumber = operator.post("/admin/dead-letters/zero/0/redrive");
        var noSuchPartition = operator.post("/admin/dead-letters/999/0/redrive");
        var negative = operator.post("/admin/dead-letters/0/-1/redrive");
        var badCursor = operator.get("/admin/dead-letters?cursor=nonsense");
        var badPageSize = operator.get("/admin/dead-letters?per_page=0");

        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(noSuchPartition.status()).isEqualTo(404);
        assertThat(negative.status()).isEqualTo(404);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badPageSize.status()).isEqualTo(400);
        assertThat(noSuchPartition.contentType()).startsWith("application/problem+json");
        assertThat(badCursor.contentType()).startsWith("application/problem+json");
    }
}
