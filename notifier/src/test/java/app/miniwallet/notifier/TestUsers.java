package app.miniwallet.notifier;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users made for one test, with addresses nobody else has, as the API's registration would make them. */
final class TestUsers {

    record TestUser(AccountId id, String name, String email) {}

    private static final WalletRows rows =
            new WalletRows(WalletTestStack.shared().dataSource());
    private static final JdbcClient jdbc =
            JdbcClient.create(WalletTestStack.shared().dataSource());

    private TestUsers() {}

    static TestUser newUser(String name) {
        var user = rows.newUser(name);
        return new TestUser(user.id(), user.name(), user.email());
    }

    /** What a sign-out does: this one token stops working. */
    static void revoke(UUID tokenId, TestUser user) {
        jdbc.sql("insert into revoked_tokens (token_id, user_id, expires_at) values (?, ?, now() + interval '1 hour')")
                .params(tokenId, user.id().value())
                .update();
    }

    /** What a password reset does: every token issued before stops working. */
    static void signOutEverywhere(TestUser user) {
        jdbc.sql("update users set token_generation = token_generation + 1 where id = ?")
                .param(user.id().value())
                .update();
    }
}
