package app.miniwallet.platform.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.miniwallet.platform.encryption.EventFieldCipher.UnreadableCiphertextException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFieldCipherUnitTest {

    private static final String OLD_KEY = "k1:" + randomKey();
    private static final String NEW_KEY = "k2:" + randomKey();
    private static final String EVENT = "AccountEmailRequested|event-1|user-1001|VERIFY_EMAIL";

    private final EventFieldCipher cipher = new EventFieldCipher(new EventEncryptionSettings(OLD_KEY, null));

    @Test
    void decryptsWhatItEncryptedAndNamesTheKeyButNeverShowsThePlaintext() {
        var ciphertext = cipher.encrypt("the-secret-token", EVENT);

        assertThat(ciphertext).startsWith("v1.k1.").doesNotContain("the-secret-token");
        assertThat(cipher.decrypt(ciphertext, EVENT)).isEqualTo("the-secret-token");
    }

    @Test
    void aFreshNonceEachTimeSoTheSameTokenNeverLooksTheSame() {
        assertThat(cipher.encrypt("the-secret-token", EVENT)).isNotEqualTo(cipher.encrypt("the-secret-token", EVENT));
    }

    @Test
    void aRotatedKeyStillDecryptsWhatItEncryptedOnceItIsAPreviousKey() {
        var old = cipher.encrypt("the-secret-token", EVENT);
        var rotated = new EventFieldCipher(new EventEncryptionSettings(NEW_KEY, List.of(OLD_KEY)));

        assertThat(rotated.decrypt(old, EVENT)).isEqualTo("the-secret-token");
        assertThat(rotated.encrypt("the-secret-token", EVENT)).startsWith("v1.k2.");
        var withoutTheOldKey = new EventFieldCipher(new EventEncryptionSettings(NEW_KEY, null));
        assertThatThrownBy(() -> withoutTheOldKey.decrypt(old, EVENT))
                .isInstanceOf(UnreadableCiphertextException.class)
                .hasMessageContaining("k1");
    }

    @Test
    void aCiphertextMovedToAnotherEventOrUserDoesNotDecrypt() {
        var ciphertext = cipher.encrypt("the-secret-token", EVENT);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, "AccountEmailRequested|event-1|user-1002|VERIFY_EMAIL"))
                .isInstanceOf(UnreadableCiphertextException.class);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, "AccountEmailRequested|event-1|user-1001|RESET_PASSWORD"))
                .isInstanceOf(UnreadableCiphertextException.class);
    }

    @Test
    void anyChangedCharacterFailsClosed() {
        var ciphertext = cipher.encrypt("the-secret-token", EVENT);
        // every character but the last, whose lowest bits base64 leaves unused
        for (int i = "v1.k1.".length(); i < ciphertext.length() - 1; i++) {
            var chars = ciphertext.toCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var tampered = new String(chars);
            assertThatThrownBy(() -> cipher.decrypt(tampered, EVENT))
                    .as("character %d changed", i)
                    .isInstanceOf(UnreadableCiphertextException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt("the-secret-token", EVENT))
                .isInstanceOf(UnreadableCiphertextException.class);
        assertThatThrownBy(() -> cipher.decrypt(null, EVENT)).isInstanceOf(UnreadableCiphertextException.class);
    }

    @Test
    void refusesToStartWithoutAKeyOrWithOneThatIsNotAes256() {
        assertThatThrownBy(() -> new EventEncryptionSettings(null, null))
                .hasMessageContaining("WALLET_EVENT_ENCRYPTION_CURRENT_KEY");
        assertThatThrownBy(() -> new EventEncryptionSettings(" ", null))
                .hasMessageContaining("WALLET_EVENT_ENCRYPTION_CURRENT_KEY");
        assertThatThrownBy(() -> new EventEncryptionSettings(randomKey(), null)).hasMessageContaining("id:key");
        assertThatThrownBy(() -> new EventEncryptionSettings("k1:c2hvcnQ=", null))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> new EventEncryptionSettings(OLD_KEY, List.of("k1:" + randomKey())))
                .hasMessageContaining("appears twice");
    }

    private static String randomKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
