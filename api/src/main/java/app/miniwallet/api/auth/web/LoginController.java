package app.miniwallet.api.auth.web;

import app.miniwallet.api.auth.AccessTokens;
import app.miniwallet.api.user.User;
import app.miniwallet.api.user.Users;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.api.web.Problems;
import java.util.ArrayList;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

    private final Users users;
    private final PasswordEncoder passwords;
    private final AccessTokens tokens;
    /** Compared against when the email is unknown, so both failures take the same time. */
    private final String unknownUserHash;

    LoginController(Users users, PasswordEncoder passwords, AccessTokens tokens) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.unknownUserHash = passwords.encode("no such user, no such password");
    }

    @PostMapping("/api/auth/login")
    LoginResponse login(@RequestBody LoginRequest request) {
        var violations = new ArrayList<FieldViolation>();
        if (request.email() == null || request.email().isBlank()) {
            violations.add(new FieldViolation("email", "must not be empty"));
        }
        if (request.password() == null || request.password().isEmpty()) {
            violations.add(new FieldViolation("password", "must not be empty"));
        }
        InvalidRequestException.throwIfAny(violations);

        var user = users.findByEmail(request.email().strip());
        var hash = user.map(User::passwordHash).orElse(unknownUserHash);
        if (!passwords.matches(request.password(), hash) || user.isEmpty()) {
            throw Problems.exception(HttpStatus.UNAUTHORIZED, "The email or password is not correct.");
        }
        var token = tokens.issueFor(user.get());
        return new LoginResponse(
                token.value(),
                "Bearer",
                token.expiresInSeconds(),
                new UserView(user.get().id(), user.get().name(), user.get().email()));
    }

    record LoginRequest(String email, String password) {}

    record LoginResponse(String accessToken, String tokenType, long expiresIn, UserView user) {}

    record UserView(long id, String name, String email) {}
}
