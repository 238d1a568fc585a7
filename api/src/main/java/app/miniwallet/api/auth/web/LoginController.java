package app.miniwallet.api.auth.web;

import app.miniwallet.api.auth.AccessTokens;
import app.miniwallet.api.auth.SignIn;
import app.miniwallet.api.user.User;
import app.miniwallet.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

    private final SignIn signIn;
    private final AccessTokens tokens;

    LoginController(SignIn signIn, AccessTokens tokens) {
        this.signIn = signIn;
        this.tokens = tokens;
    }

    @PostMapping("/api/auth/login")
    LoginResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
        return signIn.authenticate(request.email(), request.password(), http.getRemoteAddr())
                .map(user -> signedIn(user, tokens))
                .orElseThrow(
                        () -> Problems.exception(HttpStatus.UNAUTHORIZED, "The email or password is not correct."));
    }

    static LoginResponse signedIn(User user, AccessTokens tokens) {
        var token = tokens.issueFor(user);
        return new LoginResponse(
                token.value(),
                "Bearer",
                token.expiresInSeconds(),
                new UserView(user.id(), user.name(), user.email(), user.isEmailVerified()));
    }

    record LoginRequest(String email, String password) {}

    record LoginResponse(String accessToken, String tokenType, long expiresIn, UserView user) {}

    record UserView(long id, String name, String email, boolean emailVerified) {}
}
