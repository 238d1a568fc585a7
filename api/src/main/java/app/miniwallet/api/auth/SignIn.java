package app.miniwallet.api.auth;

import app.miniwallet.api.ratelimit.Limit;
import app.miniwallet.api.ratelimit.RateLimits;
import app.miniwallet.api.user.User;
import app.miniwallet.api.user.Users;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.api.web.TooManyAttemptsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks an email and password, with throttling of failures per account and per client address, shared by every api
 * instance ({@link RateLimits}). An attempt is counted before the password is checked, so that parallel guesses
 * cannot get past the limit; a successful one is taken back (from the address) or forgets the account's failures. Past
 * the limit every attempt is refused with a 429, the right password too, until the oldest failure is a window old:
 * refused attempts are not counted, so the owner gets in once the window has passed.
 */
@Service
public class SignIn {

    private final Users users;
    private final PasswordEncoder passwords;
    private final RateLimits limits;
    /** Compared against when the email is unknown, so both failures take the same time. */
    private final String unknownUserHash;

    SignIn(Users users, PasswordEncoder passwords, RateLimits limits) {
        this.users = users;
        this.passwords = passwords;
        this.limits = limits;
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

        var account = RateLimits.emailKey(email);
        limits.hit(Limit.LOGIN_FAILURES_PER_ADDRESS, clientAddress).ifPresent(SignIn::refuse);
        limits.hit(Limit.LOGIN_FAILURES_PER_ACCOUNT, account).ifPresent(wait -> {
            limits.takeBack(Limit.LOGIN_FAILURES_PER_ADDRESS, clientAddress);
            refuse(wait);
        });
        var user = users.findByEmail(email.strip());
        var hash = user.map(User::passwordHash).orElse(unknownUserHash);
        if (!passwords.matches(password, hash) || user.isEmpty()) {
            return Optional.empty(); // both attempts stay counted, as failures
        }
        limits.clear(Limit.LOGIN_FAILURES_PER_ACCOUNT, account);
        limits.takeBack(Limit.LOGIN_FAILURES_PER_ADDRESS, clientAddress);
        return user;
    }

    private static void refuse(Duration wait) {
        throw new TooManyAttemptsException(wait, "Too many failed sign-ins");
    }
}
