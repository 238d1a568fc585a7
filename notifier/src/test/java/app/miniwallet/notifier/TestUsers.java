package app.miniwallet.notifier;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users made for one test, with addresses nobody else has, as the API's registration would make them. */
final class TestUsers {

    record TestUser(AccountId id, String name, String email) {}

    private static final JdbcClient jdbc =
            JdbcClient.create(WalletTestStack.shared().dataSource());

    private TestUsers() {}

    static TestUser newUser(String name) {
        var email = name.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@example.test";
        var id = jdbc.sql(
                        """
                        insert into users (name, email, password_hash, email_verified_at)
                        values (?, ?, 'not-a-hash', now()) returning id""")
                .params(name, email)
                .query(Long.class)
                .single();
        jdbc.sql("insert into accounts (id, kind) values (?, 'USER')").param(id).update();
        return new TestUser(AccountId.of(id), name, email);
    }

    /** What a sign-out does: this one token stops working. */
    static void revoke(String tokenId, TestUser user) {
        jdbc.sql("insert into revoked_tokens (token_id, user_id, expires_at) values (?, ?, now() + interval '1 hour')")
                .params(UUID.fromString(tokenId), user.id().value())
                .update();
    }

    /** What a password reset does: every token issued before stops working. */
    static void signOutEverywhere(TestUser user) {
        jdbc.sql("update users set token_generation = token_generation + 1 where id = ?")
                .param(user.id().value())
                .update();
    }
}
