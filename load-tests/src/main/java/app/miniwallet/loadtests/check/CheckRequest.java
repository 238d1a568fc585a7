package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

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
 * @param sentEmails the emails a mail server has captured so far, asked again while waiting; checked
 *     for duplicates; empty when nobody caught mail
 * @param everyEmailExpected also check that every email the decided transfers in scope call for
 *     has arrived (waiting up to {@code settleTimeout} for the notifier)
 * @param listedPerKind at most this many violations of one kind are listed; all are counted
 */
public record CheckRequest(
        Set<AccountId> users,
        Set<TransferId> transfers,
        long expectedTotalMinor,
        Duration settleTimeout,
        Supplier<List<SentEmail>> sentEmails,
        boolean everyEmailExpected,
        int listedPerKind) {

    public static final int DEFAULT_LISTED_PER_KIND = 20;

    public CheckRequest {
        users = users == null ? null : Set.copyOf(users);
        transfers = transfers == null ? null : Set.copyOf(transfers);
        if (settleTimeout == null || settleTimeout.isNegative()) {
            throw new IllegalArgumentException("settle timeout must be zero or more, was " + settleTimeout);
        }
        if (sentEmails == null) {
            throw new IllegalArgumentException("sent emails are needed, an empty list when nobody caught mail");
        }
        if (listedPerKind < 1) {
            throw new IllegalArgumentException("list at least one violation per kind, was " + listedPerKind);
        }
    }

    /** Every account, transfer and event; a total of 0; no waiting. */
    public static CheckRequest everything() {
        return new CheckRequest(null, null, 0, Duration.ZERO, List::of, false, DEFAULT_LISTED_PER_KIND);
    }

    public CheckRequest forUsers(Collection<AccountId> users) {
        return new CheckRequest(
                Set.copyOf(users),
                transfers,
                expectedTotalMinor,
                settleTimeout,
                sentEmails,
                everyEmailExpected,
                listedPerKind);
    }

    public CheckRequest forTransfers(Collection<TransferId> transfers) {
        return new CheckRequest(
                users,
                Set.copyOf(transfers),
                expectedTotalMinor,
                settleTimeout,
                sentEmails,
                everyEmailExpected,
                listedPerKind);
    }

    public CheckRequest expectingTotalMinor(long expectedTotalMinor) {
        return new CheckRequest(
                users, transfers, expectedTotalMinor, settleTimeout, sentEmails, everyEmailExpected, listedPerKind);
    }

    public CheckRequest settlingWithin(Duration settleTimeout) {
        return new CheckRequest(
                users, transfers, expectedTotalMinor, settleTimeout, sentEmails, everyEmailExpected, listedPerKind);
    }

    /** Checks these captured emails for duplicates. */
    public CheckRequest withSentEmails(List<SentEmail> sentEmails) {
        var captured = List.copyOf(sentEmails);
        return new CheckRequest(
                users, transfers, expectedTotalMinor, settleTimeout, () -> captured, everyEmailExpected, listedPerKind);
    }

    /**
     * Checks what a mail server keeps capturing: no duplicates, and every email the decided transfers in scope call
     * for has arrived.
     */
    public CheckRequest expectingEveryEmailIn(Supplier<List<SentEmail>> mailbox) {
        return new CheckRequest(users, transfers, expectedTotalMinor, settleTimeout, mailbox, true, listedPerKind);
    }

    public CheckRequest listingAtMost(int listedPerKind) {
        return new CheckRequest(
                users, transfers, expectedTotalMinor, settleTimeout, sentEmails, everyEmailExpected, listedPerKind);
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
