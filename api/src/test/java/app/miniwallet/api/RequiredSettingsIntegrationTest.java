package app.miniwallet.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.RefusedStart;
import org.junit.jupiter.api.Test;

/** Secrets have no defaults: without them the api does not start, and says which one is missing. */
class RequiredSettingsIntegrationTest {

    @Test
    void refusesToStartWithoutDatabaseCredentialsOutsideTheDevProfile() {
        var refusal = RefusedStart.without(
                ApiApplication.class, "", "spring.datasource.username", "spring.datasource.password");

        assertThat(refusal)
                .hasMessage("The database credentials are not set: spring.datasource.username"
                        + " (SPRING_DATASOURCE_USERNAME), spring.datasource.password (SPRING_DATASOURCE_PASSWORD)."
                        + " Only the dev profile has a default.");
    }

    @Test
    void refusesToStartWithoutAJwtSecretEvenInTheDevProfile() {
        var refusal = RefusedStart.without(ApiApplication.class, "dev", "wallet.auth.jwt-secret");

        assertThat(refusal).hasMessageContaining("wallet.auth.jwt-secret (WALLET_AUTH_JWT_SECRET) must be set");
    }
}
