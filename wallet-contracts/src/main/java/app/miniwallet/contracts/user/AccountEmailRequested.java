package app.miniwallet.contracts.user;

import app.miniwallet.contracts.account.AccountId;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * The API asks the notifier to send an account email, on {@code wallet.user-events} keyed by the user
 * id. The token is the secret the link carries; the notifier builds the link from its own setting for
 * the web page's address.
 */
public record AccountEmailRequested(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("purpose") Purpose purpose,
        @JsonProperty("user_id") AccountId userId,
        @JsonProperty("email") String email,
        @JsonProperty("name") String name,
        @JsonProperty("token") String token,
        @JsonProperty("expires_at") Instant expiresAt) {

    public static final int SCHEMA_VERSION = 1;

    public enum Purpose {
        /** "Confirm your email": the link opens the web page's verify view. */
        VERIFY_EMAIL,
        /** "Reset your password": the link opens the web page's reset view. */
        RESET_PASSWORD
    }
}
