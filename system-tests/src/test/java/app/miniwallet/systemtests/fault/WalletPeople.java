package app.miniwallet.systemtests.fault;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.fixtures.WalletRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Makes verified users with money, written straight into PostgreSQL the way the processor would have left a top-up
 * ({@link WalletRows}), each with an access token signed as the api signs them, so every invariant holds from the
 * start and nobody has to sign in.
 */
final class WalletPeople {

    private final WalletRows rows;
    private final AccessTokenSigner tokens;

    WalletPeople(DataSource dataSource, AccessTokenSigner tokens) {
        this.rows = new WalletRows(dataSource);
        this.tokens = tokens;
    }

    /** A person the load generator acts as: who, and the bearer token to act with. */
    record Person(AccountId account, String token) {

        String bearer() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "user " + account;
        }
    }

    List<Person> peopleWith(int count, long balanceMinor) {
        var people = new ArrayList<Person>(count);
        for (int i = 0; i < count; i++) {
            people.add(personWith(balanceMinor));
        }
        return people;
    }

    Person personWith(long balanceMinor) {
        var name = "Faulty " + UUID.randomUUID().toString().substring(0, 8);
        var user = rows.userWithBalance(name, balanceMinor);
        return new Person(
                user.id(), tokens.sign(user.id().value(), Instant.now()).value());
    }
}
