package app.miniwallet.notifier;

import app.miniwallet.notifier.TestUsers.TestUser;
import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.auth.AccessTokenSigner.AccessToken;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;
import java.time.Instant;

/** Access tokens as the API signs them at login: HS256, issuer, subject, token id, generation. */
final class AccessTokens {

    /** Signs with the secret every service of the test stack checks tokens with. */
    private static final AccessTokenSigner signer =
            new AccessTokenSigner(WalletTestStack.JWT_SECRET, Duration.ofHours(1));

    private AccessTokens() {}

    /** A token the API would sign, with its id, so a test can revoke it. */
    static AccessToken validFor(TestUser user) {
        return signer.sign(user.id().value(), Instant.now());
    }

    static AccessToken expiredFor(TestUser user) {
        return signer.sign(user.id().value(), Instant.now().minus(Duration.ofHours(3)));
    }

    static AccessToken signedWithAnotherKeyFor(TestUser user) {
        return new AccessTokenSigner("someone-else-s-secret-0123456789abcdef-01234", Duration.ofHours(1))
                .sign(user.id().value(), Instant.now());
    }
}
