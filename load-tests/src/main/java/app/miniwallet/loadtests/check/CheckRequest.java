package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What to check and how patiently.
 *
 * @param users only these users' accounts and the transfers that move their money; {@code null}
 *     for every account and transfer
 * @param transfers only these transfers (for a load generator: the ids it got 202 for); {@code
 *     null} for every transfer. With both restrictions a transfer must match both.
 * @param expectedTotalMinor what all accounts together must sum to: 0 for a wallet that only grew
 *     by top-ups, which the negative cash-in account balances. Always over the whole database, since
 *     money can leak into any account.
 * @param settleTimeout how long to wait for in-flight work to settle before judging it: transfers
 *     in scope still PENDING, and result events of decided transfers not yet committed to Kafka
 * @param sentEmails emails a mail server captured, checked for duplicates; empty when nobody caught
 *     mail
 * @param listedPerKind at most this many violations of one kind are listed; all are counted
 */
public record CheckRequest(
        Set<AccountId> users,
        Set<TransferId> transfers,
        long expectedTotalMinor,
        Duration settleTimeout,
        List<SentEmail> sentEmails,
        int listedPerKind) {

    public static final int DEFAULT_LISTED_PER_KIND = 20;

    public CheckRequest {
        users = users == null ? null : Set.copyOf(users);
        transfers = transfers == null ? null : Set.copyOf(transfers);
        if (settleTimeout == null || settleTimeout.isNegative()) {
            throw new IllegalArgumentException("settle timeout must be zero or more, was " + settleTimeout);
        }
        sentEmails = List.copyOf(sentEmails);
        if (listedPerKind < 1) {
            throw new IllegalArgumentException("list at least one violation per kind, was " + listedPerKind);
        }
    }

    /** Every account, transfer and event; a total of 0; no waiting. */
    public static CheckRequest everything() {
        return new CheckRequest(null, null, 0, Duration.ZERO, List.of(), DEFAULT_LISTED_PER_KIND);
    }

    public CheckRequest forUsers(Collection<AccountId> users) {
        return new CheckRequest(
                Set.copyOf(users), transfers, expectedTotalMinor, settleTimeout, sentEmails, listedPerKind);
    }

    public CheckRequest forTransfers(Collection<TransferId> transfers) {
        return new CheckRequest(
                users, Set.copyOf(transfers), expectedTotalMinor, settleTimeout, sentEmails, listedPerKind);
    }

    public CheckRequest expectingTotalMinor(long expectedTotalMinor) {
        return new CheckRequest(users, transfers, expectedTotalMinor, settleTimeout, sentEmails, listedPerKind);
    }

    public CheckRequest settlingWithin(Duration settleTimeout) {
        return new CheckRequest(users, transfers, expectedTotalMinor, settleTimeout, sentEmails, listedPerKind);
    }

    public CheckRequest withSentEmails(List<SentEmail> sentEmails) {
        return new CheckRequest(users, transfers, expectedTotalMinor, settleTimeout, sentEmails, listedPerKind);
    }

    public CheckRequest listingAtMost(int listedPerKind) {
        return new CheckRequest(users, transfers, expectedTotalMinor, settleTimeout, sentEmails, listedPerKind);
    }

    boolean restrictsUsers() {
        return users != null;
    }

    boolean restrictsTransfers() {
        return transfers != null;
    }

    /** Says what the check looked at, for the report. */
    String describeScope() {
        if (users == null && transfers == null) {
            return "everything";
        }
        var parts = new ArrayList<String>();
        if (users != null) {
            parts.add(users.size() + (users.size() == 1 ? " user" : " users"));
        }
        if (transfers != null) {
            parts.add(transfers.size() + (transfers.size() == 1 ? " accepted transfer" : " accepted transfers"));
        }
        return String.join(" and ", parts);
    }
}
