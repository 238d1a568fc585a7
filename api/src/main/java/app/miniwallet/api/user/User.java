package app.miniwallet.api.user;

import java.time.Instant;

/**
 * A person with a wallet, as the {@code users} row says. Their account has the same id.
 *
 * @param tokenGeneration carried by their tokens; a password reset moves it on and so signs every older token out
 */
public record User(
        Long id, String name, String email, String passwordHash, Instant emailVerifiedAt, int tokenGeneration) {

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    /** Someone about to register: no id yet. */
    public record Unsaved(String name, String email, String passwordHash, Instant emailVerifiedAt) {

        public static Unsaved unverified(String name, String email, String passwordHash) {
            return new Unsaved(name, email, passwordHash, null);
        }
    }
}
