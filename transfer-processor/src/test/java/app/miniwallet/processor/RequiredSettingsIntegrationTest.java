package app.miniwallet.processor;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.RefusedStart;
import org.junit.jupiter.api.Test;

/** The database credentials have no default outside the dev profile: without them the processor does not start. */
class RequiredSettingsIntegrationTest {

    @Test
    void refusesToStartWithoutDatabaseCredentialsOutsideTheDevProfile() {
        var refusal = RefusedStart.without(
                TransferProcessorApplication.class, "", "spring.datasource.username", "spring.datasource.password");

        assertThat(refusal)
                .hasMessageContaining("The database credentials are not set")
                .hasMessageContaining("SPRING_DATASOURCE_USERNAME")
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD");
    }
}
