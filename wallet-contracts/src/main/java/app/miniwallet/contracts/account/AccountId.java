package app.miniwallet.contracts.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An account's id: a user's account has the user's id; system accounts have small fixed ids. */
public record AccountId(@JsonValue long value) implements Comparable<AccountId> {

    /** Collects every transfer's fee. */
    public static final AccountId FEE = new AccountId(1);

    /** The source of top-ups; its balance goes negative by the money that came into the wallet. */
    public static final AccountId CASH_IN = new AccountId(2);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AccountId of(long value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
