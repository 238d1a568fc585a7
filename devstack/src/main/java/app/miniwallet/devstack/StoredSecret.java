package app.miniwallet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret the dev stack hands its services: random, made on the first run and kept (readable by its owner only), so
 * a restart of the stack keeps it. It lives in the data directory, never in the repository. Four of them: the HMAC key
 * the services sign and check access tokens with (kept, so a restart does not log everybody out), the operator's
 * password for the services' admin API and actuator (kept, so the operator's scripts go on working), the AES-256
 * key the api encrypts the account emails' tokens with for the notifier ({@code devstack:<base64>}; kept, so an email
 * asked for before a restart still goes out), and the HMAC key of the fake payment provider's webhooks (with {@code
 * WALLET_TOP_UPS=provider}).
 */
enum StoredSecret {
    JWT_SECRET("the JWT secret", "everybody has to log in again", "", 48),
    OPERATOR_PASSWORD("the operator's password", "read the new one from the file", "", 48),
    EVENT_ENCRYPTION_KEY("the event encryption key", "account emails asked for before are not sent", "devstack:", 32),
    PAYMENT_WEBHOOK_SECRET("the payment webhook secret", "nothing else changes", "", 48);

    private static final int MIN_LENGTH = 32;

    private final String name;
    private final String afterReplacing;
    private final String prefix;
    private final int randomBytes;

    StoredSecret(String name, String afterReplacing, String prefix, int randomBytes) {
        this.name = name;
        this.afterReplacing = afterReplacing;
        this.prefix = prefix;
        this.randomBytes = randomBytes;
    }

    String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            var secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.length() < MIN_LENGTH) {
                throw new IllegalStateException(file + " holds " + name + " shorter than " + MIN_LENGTH
                        + " characters: delete it and a new one is made (" + afterReplacing + ")");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + name + " " + file, e);
        }
    }

    private void create(Path file) throws IOException {
        var bytes = new byte[randomBytes];
        new SecureRandom().nextBytes(bytes);
        var secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
