package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.WalletTestStackInitializer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * A processor with no operator password refuses every admin request, the operator's old password included. Its
 * listener does not start: it would join the shared context's consumer group and take partitions from it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wallet.processor.instance-id=transfer-processor-no-operator",
            "spring.kafka.listener.auto-startup=false"
        })
@ContextConfiguration(
        initializers = {WalletTestStackInitializer.class, OperatorApiDisabledIntegrationTest.NoOperatorPassword.class})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class OperatorApiDisabledIntegrationTest {

    @Autowired
    private JsonMapper json;

    @LocalServerPort
    private int port;

    /** Takes the test stack's operator password away again. */
    static class NoOperatorPassword implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("no-operator-password", Map.of("wallet.operator.password", "")));
        }
    }

    @Test
    void refusesEveryAdminRequestAndSaysWhy(CapturedOutput output) {
        var api = AdminApi.asOperator(port, json);

        for (var answer : new AdminApi.Answer[] {
            api.get("/admin/dead-letters"),
            api.post("/admin/dead-letters/redrive"),
            api.withAuthorization(null).get("/admin/dead-letters")
        }) {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body().get("detail").asString()).contains("WALLET_OPERATOR_PASSWORD");
        }
        assertThat(api.withAuthorization(null).get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(output).contains("The admin API (/admin/**) is disabled");
    }
}
