package app.miniwallet.platform.auth;

import app.miniwallet.contracts.account.AccountId;
import org.springframework.security.oauth2.jwt.Jwt;

/** What an access token says, by name: who it is for and which sign-in generation issued it. */
public final class AccessTokenClaims {

    public static final String ISSUER = "mini-wallet";

    /** The user's token generation when the token was issued; a password reset moves it on. */
    public static final String GENERATION = "tgen";

    private AccessTokenClaims() {}

    public static AccountId accountOf(Jwt token) {
        return AccountId.of(Long.parseLong(token.getSubject()));
    }

    static long generationOf(Jwt token) {
        Number generation = token.getClaim(GENERATION);
        return generation == null ? -1 : generation.longValue();
    }
}
