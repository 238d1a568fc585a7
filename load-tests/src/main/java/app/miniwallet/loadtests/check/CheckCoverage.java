package app.miniwallet.loadtests.check;

/**
 * What a check looked at, so a clean report can be told apart from one that saw nothing.
 *
 * @param scope the restriction, in words
 * @param accounts accounts in scope
 * @param transfers transfers in scope
 * @param pendingTransfers of those, still PENDING when judged
 * @param events result events read from the topic (in scope)
 * @param totalMinor what all accounts summed to
 * @param expectedTotalMinor what they had to sum to
 */
public record CheckCoverage(
        String scope,
        long accounts,
        long transfers,
        long pendingTransfers,
        long events,
        long totalMinor,
        long expectedTotalMinor) {}
