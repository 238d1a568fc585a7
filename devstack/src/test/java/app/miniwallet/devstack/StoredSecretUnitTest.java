package app.miniwallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSecretUnitTest {

    @TempDir
    Path home;

    @Test
    void makesARandomOperatorPasswordOnTheFirstRunReadableByItsOwnerOnlyAndKeepsIt() throws Exception {
        var file = home.resolve("operator-password");

        var first = StoredSecret.OPERATOR_PASSWORD.loadOrCreate(file);
        var second = StoredSecret.OPERATOR_PASSWORD.loadOrCreate(file);

        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void makesEachDataDirectoryItsOwnPassword() {
        var one = StoredSecret.OPERATOR_PASSWORD.loadOrCreate(home.resolve("one/operator-password"));
        var other = StoredSecret.OPERATOR_PASSWORD.loadOrCreate(home.resolve("other/operator-password"));

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void makesEachDataDirectoryItsOwnAes256EventEncryptionKeyNamedDevstack() {
        var one = StoredSecret.EVENT_ENCRYPTION_KEY.loadOrCreate(home.resolve("one/event-encryption-key"));
        var other = StoredSecret.EVENT_ENCRYPTION_KEY.loadOrCreate(home.resolve("other/event-encryption-key"));

        assertThat(one).startsWith("devstack:").isNotEqualTo(other);
        assertThat(Base64.getUrlDecoder().decode(one.substring("devstack:".length())))
                .hasSize(32);
    }

    @Test
    void refusesAStoredSecretThatIsTooShort() throws Exception {
        var file = home.resolve("jwt-secret");
        Files.writeString(file, "short\n");

        assertThatThrownBy(() -> StoredSecret.JWT_SECRET.loadOrCreate(file))
                .hasMessageContaining("delete it and a new one is made");
    }
}
