package app.miniwallet.api.auth;

import app.miniwallet.contracts.account.AccountId;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, from the verified access token. */
public final class CurrentUser {

    private CurrentUser() {}

    public static AccountId accountOf(Jwt token) {
        return AccountId.of(Long.parseLong(token.getSubject()));
    }
}
