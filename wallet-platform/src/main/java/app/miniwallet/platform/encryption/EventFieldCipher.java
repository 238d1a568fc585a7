package app.miniwallet.platform.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts a secret field of an event with AES-256-GCM, so that the secret is in clear neither in the outbox row nor
 * on Kafka (nor in the topic's retention). The ciphertext is {@code v1.<key id>.<base64url(nonce | ciphertext | tag)>}
 * with a random 96-bit nonce per message. The caller binds it to its event with the associated data (the event's id,
 * its user, its purpose): a ciphertext copied into another event, or another user's, does not decrypt. Decrypting
 * fails closed: a changed byte, an unknown key or other associated data is an {@link UnreadableCiphertextException}.
 */
public final class EventFieldCipher {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EventEncryptionSettings.NamedKey current;
    private final Map<String, SecretKey> decryptingKeys;
    private final SecureRandom random = new SecureRandom();

    public EventFieldCipher(EventEncryptionSettings settings) {
        this.current = settings.current();
        this.decryptingKeys = settings.decryptingKeys();
    }

    public String encrypt(String plaintext, String associatedData) {
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = cipher(Cipher.ENCRYPT_MODE, current.key(), nonce, current.id(), associatedData);
            var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            var envelope = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, envelope, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, envelope, NONCE_BYTES, sealed.length);
            return VERSION + "." + current.id() + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    }

    public String decrypt(String ciphertext, String associatedData) {
        var parts = ciphertext == null ? new String[0] : ciphertext.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new UnreadableCiphertextException("not a " + VERSION + " ciphertext");
        }
        var key = decryptingKeys.get(parts[1]);
        if (key == null) {
            throw new UnreadableCiphertextException("encrypted with the key " + parts[1] + ", which is not configured");
        }
        byte[] envelope;
        try {
            envelope = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableCiphertextException("not base64url");
        }
        if (envelope.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableCiphertextException("too short");
        }
        try {
            var cipher =
                    cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(envelope, NONCE_BYTES), parts[1], associatedData);
            var plaintext = cipher.doFinal(envelope, NONCE_BYTES, envelope.length - NONCE_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnreadableCiphertextException("does not authenticate: altered, or of another event");
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId, String associatedData)
            throws GeneralSecurityException {
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        // the envelope's version and key id are authenticated too, not only the caller's associated data
        cipher.updateAAD((VERSION + "." + keyId + "." + associatedData).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A ciphertext that cannot be decrypted with the configured keys for the given associated data. */
    public static final class UnreadableCiphertextException extends RuntimeException {
        UnreadableCiphertextException(String reason) {
            super(reason);
        }
    }
}
