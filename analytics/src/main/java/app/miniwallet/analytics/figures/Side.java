package app.miniwallet.analytics.figures;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferCompleted;
import java.util.Locale;
import java.util.Optional;

/** Which side of a transfer a user is on, for the top lists. */
public enum Side {
    SENDER,
    RECEIVER;

    /** The name the API takes and shows: {@code sender}, {@code receiver}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Side> fromLabel(String label) {
        for (var side : values()) {
            if (side.label().equals(label)) {
                return Optional.of(side);
            }
        }
        return Optional.empty();
    }

    public AccountId of(TransferCompleted transfer) {
        return this == SENDER ? transfer.senderId() : transfer.receiverId();
    }
}
