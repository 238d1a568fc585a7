package app.miniwallet.contracts.user;

import app.miniwallet.contracts.account.AccountId;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * The API asks the notifier to send an account email, on {@code wallet.user-events} keyed by the user
 * id. The token is the secret the link carries; it travels only encrypted ({@code token_ciphertext},
 * AES-256-GCM with a key the api and the notifier share, bound to this event by
 * {@link #tokenAssociatedData}). The notifier decrypts it and builds the link from its own setting for
 * the web page's address. Version 1 carried the token in clear, in {@code token}.
 */
public record AccountEmailRequested(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("purpose") Purpose purpose,
        @JsonProperty("user_id") AccountId userId,
        @JsonProperty("email") String email,
        @JsonProperty("name") String name,
        @JsonProperty("token_ciphertext") String tokenCiphertext,
        @JsonProperty("expires_at") Instant expiresAt) {

    public static final int SCHEMA_VERSION = 2;

    /**
     * What the token's ciphertext is bound to: this event, its user and its purpose. A ciphertext copied into
     * another event does not decrypt there.
     */
    public static String tokenAssociatedData(UUID eventId, AccountId userId, Purpose purpose) {
        return "AccountEmailRequested/" + SCHEMA_VERSION + "|" + eventId + "|" + userId.value() + "|" + purpose;
    }

    public enum Purpose {
        /** "Confirm your email": the link opens the web page's verify view. */
        VERIFY_EMAIL,
        /** "Reset your password": the link opens the web page's reset view. */
        RESET_PASSWORD
    }
}
