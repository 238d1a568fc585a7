package app.miniwallet.api.user;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import java.sql.Types;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Creates people with their accounts and reads account balances. */
@Component
public class UserAccounts {

    private final Users users;
    private final JdbcClient jdbc;

    UserAccounts(Users users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    /** A new user and their empty USER account, in one transaction. */
    @Transactional
    public User register(User.Unsaved user) {
        var saved = users.insert(user);
        jdbc.sql("insert into accounts (id, kind) values (?, 'USER')")
                .param(saved.id())
                .update();
        return saved;
    }

    /** The balance from the account row: O(1), never summed from the ledger. */
    public Optional<Money> balanceOf(AccountId account) {
        return jdbc.sql("select balance_minor from accounts where id = ?")
                .param(account.value())
                .query(Long.class)
                .optional()
                .map(Money::ofMinor);
    }

    /**
     * What accepting a payment reads about its two parties, in one round trip.
     *
     * @param senderVerified whether the sender confirmed their email address
     * @param senderBalance the sender's balance; zero for an unknown sender
     * @param receiverIsUser whether the receiver names a person's account; false without a receiver
     */
    public record PaymentParties(boolean senderVerified, Money senderBalance, boolean receiverIsUser) {}

    /** @param receiver null while the person has not chosen one yet */
    public PaymentParties paymentParties(AccountId sender, AccountId receiver) {
        return jdbc.sql(
                        """
                        select u.email_verified_at is not null as verified, a.balance_minor,
                               exists (select 1 from accounts r where r.id = :receiver and r.kind = 'USER') as receiver_is_user
                          from users u join accounts a on a.id = u.id
                         where u.id = :sender""")
                .param("sender", sender.value())
                .param("receiver", receiver == null ? null : receiver.value(), Types.BIGINT)
                .query((row, rowNumber) -> new PaymentParties(
                        row.getBoolean("verified"),
                        Money.ofMinor(row.getLong("balance_minor")),
                        row.getBoolean("receiver_is_user")))
                .optional()
                .orElse(new PaymentParties(false, Money.ZERO, false));
    }

    /** Whether the person confirmed their email address (unverified people cannot move money). */
    public boolean isEmailVerified(AccountId account) {
        return jdbc.sql("select count(*) from users where id = ? and email_verified_at is not null")
                        .param(account.value())
                        .query(Long.class)
                        .single()
                > 0;
    }
}
