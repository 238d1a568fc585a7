package app.miniwallet.notifier.email;

import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.platform.encryption.EventFieldCipher;
import app.miniwallet.platform.encryption.EventFieldCipher.UnreadableCiphertextException;
import org.springframework.stereotype.Component;

/**
 * Decrypts the token an account email request carries, with the keys the api encrypts with. It fails closed: a token
 * that was altered, was copied from another event or user, or was encrypted with a key this notifier does not have
 * is an {@link UnreadableCiphertextException}, and no email goes out with it.
 */
@Component
public class AccountEmailTokens {

    private final EventFieldCipher cipher;

    AccountEmailTokens(EventFieldCipher cipher) {
        this.cipher = cipher;
    }

    public AccountEmail open(AccountEmailRequested request) {
        var token = cipher.decrypt(
                request.tokenCiphertext(),
                AccountEmailRequested.tokenAssociatedData(request.eventId(), request.userId(), request.purpose()));
        return new AccountEmail(request, token);
    }
}
