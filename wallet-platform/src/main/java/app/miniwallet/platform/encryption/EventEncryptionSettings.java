package app.miniwallet.platform.encryption;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AES-256 keys that encrypt the secret fields of events (the account emails' tokens), shared by the api, which
 * encrypts, and the notifier, which decrypts. Each key is written {@code id:base64}, the id being what the ciphertext
 * names its key by. There is no default: a service that needs them refuses to start without a current key.
 *
 * <p>Rotation: make a new key the current one and move the old one to {@code previous-keys}, on the notifier first and
 * then on the api; drop it from the list once the topic's retention has passed.
 *
 * @param currentKey encrypts; also decrypts what it encrypted (WALLET_EVENT_ENCRYPTION_CURRENT_KEY)
 * @param previousKeys only decrypt, for events written before a rotation (WALLET_EVENT_ENCRYPTION_PREVIOUS_KEYS,
 *     comma-separated)
 */
@ConfigurationProperties("wallet.event-encryption")
public record EventEncryptionSettings(@Nullable String currentKey, @Nullable List<String> previousKeys) {

    static final String CURRENT_KEY = "wallet.event-encryption.current-key (WALLET_EVENT_ENCRYPTION_CURRENT_KEY)";
    static final String PREVIOUS_KEYS = "wallet.event-encryption.previous-keys (WALLET_EVENT_ENCRYPTION_PREVIOUS_KEYS)";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int KEY_BYTES = 32;

    public EventEncryptionSettings {
        if (currentKey == null || currentKey.isBlank()) {
            throw new IllegalArgumentException(CURRENT_KEY + " must be set to id:key, the key 32 random bytes in"
                    + " base64; the api and the notifier need the same one");
        }
        previousKeys = previousKeys == null
                ? List.of()
                : previousKeys.stream().filter(key -> !key.isBlank()).toList();
        keysById(currentKey, previousKeys);
    }

    /** The key that encrypts. */
    NamedKey current() {
        return parse(currentKey, CURRENT_KEY);
    }

    /** Every key that decrypts, by id: the current one and the previous ones. */
    Map<String, SecretKey> decryptingKeys() {
        return keysById(currentKey, previousKeys);
    }

    private static Map<String, SecretKey> keysById(String currentKey, List<String> previousKeys) {
        var keys = new LinkedHashMap<String, SecretKey>();
        var all = new ArrayList<NamedKey>();
        all.add(parse(currentKey, CURRENT_KEY));
        previousKeys.forEach(key -> all.add(parse(key, PREVIOUS_KEYS)));
        for (var key : all) {
            if (keys.put(key.id(), key.key()) != null) {
                throw new IllegalArgumentException("the key id " + key.id() + " appears twice in " + CURRENT_KEY
                        + " and " + PREVIOUS_KEYS + ": each key needs an id of its own");
            }
        }
        return keys;
    }

    private static NamedKey parse(String text, String setting) {
        var separator = text.indexOf(':');
        var id = separator < 0 ? "" : text.substring(0, separator).strip();
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    setting + " must be id:key with an id of 1 to 32 letters, digits," + " '-' or '_'");
        }
        byte[] bytes;
        try {
            // either base64 alphabet, with or without padding
            bytes = Base64.getDecoder()
                    .decode(text.substring(separator + 1)
                            .strip()
                            .replace('-', '+')
                            .replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": the key " + id + " is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    setting + ": the key " + id + " must be " + KEY_BYTES + " bytes (AES-256), not " + bytes.length);
        }
        return new NamedKey(id, new SecretKeySpec(bytes, "AES"));
    }

    record NamedKey(String id, SecretKey key) {}
}
