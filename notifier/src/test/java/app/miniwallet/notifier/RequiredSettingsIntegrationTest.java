package app.miniwallet.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.stack.RefusedStart;
import org.junit.jupiter.api.Test;

/** Secrets have no defaults: without them the notifier does not start, and says which one is missing. */
class RequiredSettingsIntegrationTest {

    @Test
    void refusesToStartWithoutDatabaseCredentialsOutsideTheDevProfile() {
        var refusal = RefusedStart.without(
                NotifierApplication.class, "", "spring.datasource.username", "spring.datasource.password");

        assertThat(refusal)
                .hasMessageContaining("The database credentials are not set")
                .hasMessageContaining("SPRING_DATASOURCE_USERNAME")
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void refusesToStartWithoutAJwtSecretEvenInTheDevProfile() {
        var refusal = RefusedStart.without(NotifierApplication.class, "dev", "wallet.auth.jwt-secret");

        assertThat(refusal).hasMessageContaining("wallet.auth.jwt-secret (WALLET_AUTH_JWT_SECRET) must be set");
    }
}
