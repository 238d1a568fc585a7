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
 * The HMAC key the services sign and check access tokens with: random, made on the first run and kept, so a restart
 * of the stack does not log everybody out. It lives in the data directory, never in the repository.
 */
final class JwtSecret {

    private static final int RANDOM_BYTES = 48;

    private JwtSecret() {}

    static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            var secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.length() < 32) {
                throw new IllegalStateException(file + " holds a secret shorter than 32 characters: delete it and a new"
                        + " one is made (everybody has to log in again)");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the JWT secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        var bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        var secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
