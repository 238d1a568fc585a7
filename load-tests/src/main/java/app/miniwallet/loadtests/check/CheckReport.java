package app.miniwallet.loadtests.check;

import app.miniwallet.contracts.money.Money;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The verdict on the guarantees: every violation found, listed up to a limit per kind and counted
 * in full.
 *
 * @param violations the listed violations, grouped by kind
 * @param violationCounts how many violations of each kind exist, listed or not; kinds without any
 *     are absent
 */
public record CheckReport(
        List<Violation> violations, Map<Violation.Kind, Long> violationCounts, CheckCoverage coverage, Duration took) {

    public CheckReport {
        violations = List.copyOf(violations);
        violationCounts = Map.copyOf(violationCounts);
        for (var violation : violations) {
            if (!violationCounts.containsKey(violation.kind())) {
                throw new IllegalArgumentException("uncounted violation " + violation);
            }
        }
    }

    public boolean isClean() {
        return violationCounts.isEmpty();
    }

    public long count(Violation.Kind kind) {
        return violationCounts.getOrDefault(kind, 0L);
    }

    public Set<Violation.Kind> kinds() {
        return violationCounts.isEmpty() ? Set.of() : EnumSet.copyOf(violationCounts.keySet());
    }

    public List<Violation> violationsOf(Violation.Kind kind) {
        return violations.stream().filter(v -> v.kind() == kind).toList();
    }

    public long totalViolations() {
        return violationCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        var text = new StringBuilder();
        text.append("Invariant check: ")
                .append(isClean() ? "CLEAN" : "FAILED, " + plural(totalViolations(), "violation"))
                .append('\n');
        text.append(String.format(
                Locale.ROOT,
                "  scope %s: %s, %s (%d pending), %s read; accounts sum to %s (expected %s); took %.1f s%n",
                coverage.scope(),
                plural(coverage.accounts(), "account"),
                plural(coverage.transfers(), "transfer"),
                coverage.pendingTransfers(),
                plural(coverage.events(), "event"),
                Money.ofMinor(coverage.totalMinor()),
                Money.ofMinor(coverage.expectedTotalMinor()),
                took.toMillis() / 1000.0));
        var byKind = new EnumMap<Violation.Kind, Long>(Violation.Kind.class);
        byKind.putAll(violationCounts);
        byKind.forEach((kind, count) -> {
            text.append(String.format(
                    Locale.ROOT, "%n  %s x%d - %s [guarantee %s]%n", kind, count, kind.meaning(), kind.guarantee()));
            var listed = violationsOf(kind);
            listed.forEach(violation ->
                    text.append("    - ").append(violation.detail()).append('\n'));
            if (count > listed.size()) {
                text.append("    ... and ").append(count - listed.size()).append(" more\n");
            }
        });
        return text.toString();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
