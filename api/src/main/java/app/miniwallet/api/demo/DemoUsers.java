package app.miniwallet.api.demo;

import app.miniwallet.api.transfer.Submission;
import app.miniwallet.api.transfer.TransferSubmission;
import app.miniwallet.api.user.User;
import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.user.Users;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The dev stack's three verified demo users, funded with 1000.00 each through the real pipeline (a
 * top-up, so the ledger explains every cent). Only in the {@code dev} profile; never in production.
 */
@Component
@Profile("dev")
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "mini@Wallet025";
    static final Money OPENING_BALANCE = Money.parse("1000.00");

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private static final List<List<String>> PEOPLE = List.of(
            List.of("Alpha Demo", "user.alpha@demo.app"),
            List.of("Beta Demo", "user.beta@demo.app"),
            List.of("Gamma Demo", "user.gamma@demo.app"));

    private final Users users;
    private final UserAccounts accounts;
    private final TransferSubmission submission;
    private final PasswordEncoder passwords;

    DemoUsers(Users users, UserAccounts accounts, TransferSubmission submission, PasswordEncoder passwords) {
        this.users = users;
        this.accounts = accounts;
        this.submission = submission;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        for (var person : PEOPLE) {
            var user = users.findByEmail(person.get(1)).orElseGet(() -> create(person.get(0), person.get(1)));
            // the key makes the funding happen once, however often the dev stack restarts; paid, so that it is
            // credited in the payment provider's mode too
            var funding = submission.paidTopUp(AccountId.of(user.id()), OPENING_BALANCE, "demo-opening-balance");
            if (funding instanceof Submission.Refused refused) {
                throw new IllegalStateException("the demo top-up of " + person.get(1) + " was refused: " + refused);
            }
        }
    }

    private User create(String name, String email) {
        log.info("Creating demo user {}", email);
        return accounts.register(new User.Unsaved(name, email, passwords.encode(PASSWORD), Instant.now()));
    }
}
