package app.miniwallet.api.auth.web;

import app.miniwallet.api.auth.AccessTokens;
import app.miniwallet.api.auth.AccountLifecycle;
import app.miniwallet.api.auth.PasswordResetRequests;
import app.miniwallet.platform.auth.AccessTokenClaims;
import app.miniwallet.platform.auth.TokenRevocations;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private final AccountLifecycle lifecycle;
    private final AccessTokens tokens;
    private final TokenRevocations revocations;
    private final PasswordResetRequests resetRequests;

    AccountController(
            AccountLifecycle lifecycle,
            AccessTokens tokens,
            TokenRevocations revocations,
            PasswordResetRequests resetRequests) {
        this.lifecycle = lifecycle;
        this.tokens = tokens;
        this.revocations = revocations;
        this.resetRequests = resetRequests;
    }

    @PostMapping("/api/auth/register")
    ResponseEntity<LoginController.LoginResponse> register(@RequestBody RegisterRequest request) {
        var user =
                lifecycle.register(request.name(), request.email(), request.password(), request.passwordConfirmation());
        return ResponseEntity.created(URI.create("/api/me")).body(LoginController.signedIn(user, tokens));
    }

    @PostMapping("/api/auth/verify-email")
    ResponseEntity<Void> verifyEmail(@RequestBody TokenRequest request) {
        lifecycle.verifyEmail(request.token());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/auth/verify-email/resend")
    ResponseEntity<Void> resendVerification(@AuthenticationPrincipal Jwt token) {
        lifecycle.resendVerification(AccessTokenClaims.accountOf(token).value());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/auth/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt token) {
        revocations.revoke(token);
        return ResponseEntity.noContent().build();
    }

    /**
     * Always 202 at once: the lookup and the email happen in the background, so neither the answer
     * nor its timing tells whether the address has an account. Under a flood some are dropped, still with a 202
     * (see {@link PasswordResetRequests}).
     */
    @PostMapping("/api/auth/forgot-password")
    ResponseEntity<Void> forgotPassword(@RequestBody EmailRequest request) {
        resetRequests.submit(request.email());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/auth/reset-password")
    ResponseEntity<Void> resetPassword(@RequestBody ResetPasswordRequest request) {
        lifecycle.resetPassword(request.token(), request.password(), request.passwordConfirmation());
        return ResponseEntity.noContent().build();
    }

    record RegisterRequest(String name, String email, String password, String passwordConfirmation) {}

    record TokenRequest(String token) {}

    record EmailRequest(String email) {}

    record ResetPasswordRequest(String token, String password, String passwordConfirmation) {}
}
