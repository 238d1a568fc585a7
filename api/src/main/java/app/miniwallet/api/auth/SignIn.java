package app.miniwallet.api.auth;

import app.miniwallet.api.user.User;
import app.miniwallet.api.user.Users;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.api.web.TooManyAttemptsException;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Checks an email and password, with throttling of failures. */
@Service
public class SignIn {

    private final Users users;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    /** Compared against when the email is unknown, so both failures take the same time. */
    private final String unknownUserHash;

    SignIn(Users users, PasswordEncoder passwords, LoginThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.unknownUserHash = passwords.encode("no such user, no such password");
    }

    /** @return the user, or nothing when the email or the password is not right (which one is not told) */
    public Optional<User> authenticate(String email, String password, String clientAddress) {
        var violations = new ArrayList<FieldViolation>();
        if (email == null || email.isBlank()) {
            violations.add(new FieldViolation("email", "must not be empty"));
        }
        if (password == null || password.isEmpty()) {
            violations.add(new FieldViolation("password", "must not be empty"));
        }
        InvalidRequestException.throwIfAny(violations);

        throttle.waitBeforeNextAttempt(email, clientAddress).ifPresent(wait -> {
            throw new TooManyAttemptsException(wait);
        });
        var user = users.findByEmail(email.strip());
        var hash = user.map(User::passwordHash).orElse(unknownUserHash);
        if (!passwords.matches(password, hash) || user.isEmpty()) {
            throttle.recordFailure(email, clientAddress);
            return Optional.empty();
        }
        throttle.recordSuccess(email);
        return user;
    }
}
