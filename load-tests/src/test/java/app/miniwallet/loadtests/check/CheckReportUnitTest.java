package app.miniwallet.loadtests.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckReportUnitTest {

    private static final CheckCoverage coverage = new CheckCoverage("2 users", 2, 5, 1, 4, 150, 0);

    @Test
    void saysWhatItCheckedWhenClean() {
        var report = new CheckReport(List.of(), Map.of(), coverage, Duration.ofMillis(1500));

        assertThat(report.isClean()).isTrue();
        assertThat(report.toString())
                .isEqualTo(
                        """
                        Invariant check: CLEAN
                          scope 2 users: 2 accounts, 5 transfers (1 pending), 4 events read; accounts sum to 1.50\
                         (expected 0.00); took 1.5 s
                        """);
    }

    @Test
    void listsViolationsByKindAndCountsTheUnlistedOnes() {
        var report = new CheckReport(
                List.of(
                        new Violation(Violation.Kind.OUT_OF_ORDER, "requester 1000: transfer b before a"),
                        new Violation(Violation.Kind.MONEY_CREATED_OR_LOST, "1.50 was created")),
                Map.of(Violation.Kind.OUT_OF_ORDER, 3L, Violation.Kind.MONEY_CREATED_OR_LOST, 1L),
                coverage,
                Duration.ofSeconds(2));

        assertThat(report.isClean()).isFalse();
        assertThat(report.totalViolations()).isEqualTo(4);
        assertThat(report.toString())
                .startsWith("Invariant check: FAILED, 4 violations")
                .contains(
                        """
                          MONEY_CREATED_OR_LOST x1 - the accounts do not sum to the expected total [guarantee 1. no money is created or lost]
                            - 1.50 was created

                          OUT_OF_ORDER x3 - a sender's transfers were applied in another order than accepted [guarantee 5. per-sender order]
                            - requester 1000: transfer b before a
                            ... and 2 more
                        """);
    }

    @Test
    void refusesAViolationItDoesNotCount() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CheckReport(
                        List.of(new Violation(Violation.Kind.DUPLICATE_EVENT, "twice")),
                        Map.of(),
                        coverage,
                        Duration.ZERO));
    }
}
