package app.miniwallet.notifier;

import app.miniwallet.notifier.TestUsers.TestUser;
import app.miniwallet.testsupport.stack.WalletTestStack;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the feed tables, to check what was stored rather than what a client happened to see so far. */
final class FeedRows {

    private static final JdbcClient jdbc =
            JdbcClient.create(WalletTestStack.shared().dataSource());

    private FeedRows() {}

    static long lastSeqOf(TestUser user) {
        return jdbc.sql("select coalesce(max(last_seq), 0) from feed_counters where user_id = ?")
                .param(user.id().value())
                .query(Long.class)
                .single();
    }
}
