package app.miniwallet.loadtests.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Violations as they are found: every one counted, the first few of each kind listed. */
final class Findings {

    private final int listedPerKind;
    private final List<Violation> listed = new ArrayList<>();
    private final Map<Violation.Kind, Long> counts = new EnumMap<>(Violation.Kind.class);

    Findings(int listedPerKind) {
        this.listedPerKind = listedPerKind;
    }

    int listedPerKind() {
        return listedPerKind;
    }

    void add(Violation violation) {
        var count = counts.merge(violation.kind(), 1L, Long::sum);
        if (count <= listedPerKind) {
            listed.add(violation);
        }
    }

    /** One listed violation of a kind whose full count the query already knows. */
    void addCounted(Violation violation, long countOfKind) {
        counts.put(violation.kind(), countOfKind);
        listed.add(violation);
    }

    List<Violation> listed() {
        return listed.stream().sorted(Comparator.comparing(Violation::kind)).toList();
    }

    Map<Violation.Kind, Long> counts() {
        return counts;
    }
}
