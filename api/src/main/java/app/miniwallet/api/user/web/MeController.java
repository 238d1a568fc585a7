package app.miniwallet.api.user.web;

import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.user.Users;
import app.miniwallet.api.web.Problems;
import app.miniwallet.platform.auth.AccessTokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    private final Users users;
    private final UserAccounts accounts;

    MeController(Users users, UserAccounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal Jwt token) {
        var account = AccessTokenClaims.accountOf(token);
        var user = users.findById(account.value())
                .orElseThrow(() -> Problems.exception(HttpStatus.UNAUTHORIZED, "This account no longer exists."));
        var balance = accounts.balanceOf(account).orElseThrow();
        return new Me(user.id(), user.name(), user.email(), user.isEmailVerified(), balance.toString());
    }

    record Me(long id, String name, String email, boolean emailVerified, String balance) {}
}
