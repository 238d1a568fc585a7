package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.contracts.account.AccountId;
import java.security.Principal;

/** The user a STOMP session belongs to, as its CONNECT token said. */
record FeedUser(AccountId id) implements Principal {

    @Override
    public String getName() {
        return id.toString();
    }
}
