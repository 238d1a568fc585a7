package app.miniwallet.api.auth.web;

import app.miniwallet.api.auth.AccessTokens;
import app.miniwallet.api.auth.AccountLifecycle;
import app.miniwallet.api.auth.PasswordResetRequests;
import app.miniwallet.api.ratelimit.Limit;
import app.miniwallet.api.ratelimit.RateLimits;
import app.miniwallet.platform.auth.AccessTokenClaims;
import app.miniwallet.platform.auth.TokenRevocations;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Each endpoint that costs an email or a guess counts its client address first: past the limit, 429. */
@RestController
class AccountController {

    private final AccountLifecycle lifecycle;
    private final AccessTokens tokens;
    private final TokenRevocations revocations;
    private final PasswordResetRequests resetRequests;
    private final RateLimits limits;

    AccountController(
            AccountLifecycle lifecycle,
            AccessTokens tokens,
            TokenRevocations revocations,
            PasswordResetRequests resetRequests,
            RateLimits limits) {
        this.lifecycle = lifecycle;
        this.tokens = tokens;
        this.revocations = revocations;
        this.resetRequests = resetRequests;
        this.limits = limits;
    }

    @PostMapping("/api/auth/register")
    ResponseEntity<LoginController.LoginResponse> register(
            @RequestBody RegisterRequest request, HttpServletRequest http) {
        limits.enforce(Limit.REGISTER_PER_ADDRESS, http.getRemoteAddr());
        var user =
                lifecycle.register(request.name(), request.email(), request.password(), request.passwordConfirmation());
        return ResponseEntity.created(URI.create("/api/me")).body(LoginController.signedIn(user, tokens));
    }

    @PostMapping("/api/auth/verify-email")
    ResponseEntity<Void> verifyEmail(@RequestBody TokenRequest request, HttpServletRequest http) {
        limits.enforce(Limit.VERIFY_EMAIL_PER_ADDRESS, http.getRemoteAddr());
        lifecycle.verifyEmail(request.token());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/auth/verify-email/resend")
    ResponseEntity<Void> resendVerification(@AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        limits.enforce(Limit.RESEND_VERIFICATION_PER_ADDRESS, http.getRemoteAddr());
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
     * nor its timing tells whether the address has an account. Under a flood some are dropped, still with a 202, and
     * one address gets only so many emails (see {@link PasswordResetRequests}); one client address gets a 429 past its
     * limit.
     */
    @PostMapping("/api/auth/forgot-password")
    ResponseEntity<Void> forgotPassword(@RequestBody EmailRequest request, HttpServletRequest http) {
        limits.enforce(Limit.FORGOT_PASSWORD_PER_ADDRESS, http.getRemoteAddr());
        resetRequests.submit(request.email());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/auth/reset-password")
    ResponseEntity<Void> resetPassword(@RequestBody ResetPasswordRequest request, HttpServletRequest http) {
        limits.enforce(Limit.RESET_PASSWORD_PER_ADDRESS, http.getRemoteAddr());
        lifecycle.resetPassword(request.token(), request.password(), request.passwordConfirmation());
        return ResponseEntity.noContent().build();
    }

    record RegisterRequest(String name, String email, String password, String passwordConfirmation) {}

    record TokenRequest(String token) {}

    record EmailRequest(String email) {}

    record ResetPasswordRequest(String token, String password, String passwordConfirmation) {}
}
