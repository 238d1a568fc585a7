package app.miniwallet.api.auth;

import app.miniwallet.api.ratelimit.Limit;
import app.miniwallet.api.ratelimit.RateLimits;
import app.miniwallet.api.user.User;
import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.user.Users;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import app.miniwallet.platform.auth.TokenRevocations;
import java.time.Instant;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registering, verifying the email address, and resetting a forgotten password. */
@Service
public class AccountLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountLifecycle.class);

    private final Users users;
    private final UserAccounts accounts;
    private final AccountEmails emails;
    private final PasswordEncoder passwords;
    private final TokenRevocations revocations;
    private final TransactionTemplate transaction;
    private final RateLimits limits;

    AccountLifecycle(
            Users users,
            UserAccounts accounts,
            AccountEmails emails,
            PasswordEncoder passwords,
            TokenRevocations revocations,
            TransactionTemplate transaction,
            RateLimits limits) {
        this.users = users;
        this.accounts = accounts;
        this.emails = emails;
        this.passwords = passwords;
        this.revocations = revocations;
        this.transaction = transaction;
        this.limits = limits;
    }

    /** A new user with an empty account, and the email that lets them verify their address. */
    public User register(String name, String email, String password, String passwordConfirmation) {
        var violations = new ArrayList<FieldViolation>();
        PasswordRules.checkName(name, violations);
        PasswordRules.checkEmail(email, violations);
        PasswordRules.checkNewPassword(password, passwordConfirmation, violations);
        if (violations.stream().noneMatch(v -> v.field().equals("email"))
                && users.findByEmail(email.strip()).isPresent()) {
            violations.add(emailTaken());
        }
        InvalidRequestException.throwIfAny(violations);
        try {
            return transaction.execute(status -> {
                var user = accounts.register(
                        User.Unsaved.unverified(name.strip(), email.strip(), passwords.encode(password)));
                emails.send(user, Purpose.VERIFY_EMAIL);
                return user;
            });
        } catch (DataIntegrityViolationException registeredConcurrently) {
            throw new InvalidRequestException(java.util.List.of(emailTaken()));
        }
    }

    public void verifyEmail(String token) {
        var verified = transaction.execute(status -> emails.redeem(token, Purpose.VERIFY_EMAIL)
                .filter(userId -> users.markEmailVerified(userId, Instant.now())));
        if (verified == null || verified.isEmpty()) {
            throw new InvalidRequestException("token", "is not valid: it was used already or has expired");
        }
    }

    /**
     * A new verification email; does nothing for an address that is verified already, nor past the account's limit
     * of these emails (the caller is not told: the limit is on emails, and asking again is harmless).
     */
    public void resendVerification(long userId) {
        if (limits.hit(Limit.RESEND_VERIFICATION_PER_ACCOUNT, Long.toString(userId))
                .isPresent()) {
            return;
        }
        transaction.executeWithoutResult(status -> users.findById(userId)
                .filter(user -> !user.isEmailVerified())
                .ifPresent(user -> emails.send(user, Purpose.VERIFY_EMAIL)));
    }

    /** Sends a reset link if the address belongs to someone; says nothing either way. */
    public void requestPasswordReset(String email) {
        if (email == null || email.isBlank() || email.length() > PasswordRules.MAX_EMAIL_LENGTH) {
            return;
        }
        transaction.executeWithoutResult(status ->
                users.findByEmail(email.strip()).ifPresent(user -> emails.send(user, Purpose.RESET_PASSWORD)));
        log.debug("Password reset requested");
    }

    /**
     * Sets the new password, makes every other reset link of the user useless, and signs every existing token of the
     * user out.
     */
    public void resetPassword(String token, String password, String passwordConfirmation) {
        var violations = new ArrayList<FieldViolation>();
        PasswordRules.checkNewPassword(password, passwordConfirmation, violations);
        InvalidRequestException.throwIfAny(violations);
        var reset = transaction.execute(status -> emails.redeemRetiringTheOthers(token, Purpose.RESET_PASSWORD)
                .filter(userId -> users.changePassword(userId, passwords.encode(password)))
                .map(userId -> {
                    // following the link proves the address, as verification does
                    users.markEmailVerified(userId, Instant.now());
                    revocations.revokeAllOf(userId);
                    return userId;
                }));
        if (reset == null || reset.isEmpty()) {
            throw new InvalidRequestException("token", "is not valid: it was used already or has expired");
        }
    }

    private static FieldViolation emailTaken() {
        return new FieldViolation("email", "is already registered");
    }
}
