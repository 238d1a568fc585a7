package app.miniwallet.notifier.email;

import app.miniwallet.contracts.user.AccountEmailRequested;

/** An account email to send: the request and its token, decrypted. */
public record AccountEmail(AccountEmailRequested request, String token) {

    @Override
    public String toString() {
        return "AccountEmail[" + request.purpose() + " for user " + request.userId() + "]";
    }
}
