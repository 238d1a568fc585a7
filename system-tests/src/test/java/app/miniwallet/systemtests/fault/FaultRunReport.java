package app.miniwallet.systemtests.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The long run's report as Markdown: the faults injected, the transfers, and every violation the checker found. */
final class FaultRunReport {

    private FaultRunReport() {}

    static String markdown(FaultCampaign campaign, BadInputFuzz.Result fuzz, Duration took) {
        var outcomes = campaign.outcomes();
        var tally = campaign.tally();
        var violations = outcomes.isEmpty()
                ? 0
                : outcomes.get(outcomes.size() - 1).check().totalViolations();
        var dirtyFaults =
                outcomes.stream().filter(outcome -> !outcome.isClean()).count();
        var faults = outcomes.stream()
                .filter(outcome -> outcome.fault() != Fault.NO_FAULT)
                .count();
        var text = new StringBuilder();
        text.append("# Fault run of ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME
                        .withZone(ZoneOffset.UTC)
                        .format(campaign.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .append(" UTC\n\n");
        text.append("`load-tests/faults --seed ")
                .append(campaign.seed())
                .append("` replays this run's random choices (the services' own timing cannot be replayed).\n\n");
        text.append("## Result\n\n");
        text.append(String.format(
                Locale.ROOT,
                "- **%d faults injected** (%d processor kills), each under a steady stream of transfers with a hot"
                        + " receiver, each followed by recovery and the invariant checker over every transfer accepted"
                        + " so far\n",
                faults,
                campaign.injected().getOrDefault(Fault.PROCESSOR_KILL, 0)));
        text.append(String.format(
                Locale.ROOT,
                "- **%d transfers accepted** (202) of %d submitted; %d refused with a 422 (insufficient funds at"
                        + " submission)\n",
                tally.accepted(),
                tally.submitted(),
                tally.refused()));
        text.append(String.format(
                Locale.ROOT,
                "- **%d violations found** by the last check%s; %d of %d checks were not clean\n",
                violations,
                violations == 0 ? "" : " (see below)",
                dirtyFaults,
                outcomes.size()));
        text.append(String.format(
                Locale.ROOT,
                "- %d submissions had an unknown outcome at first (no answer, or a 5xx); retried with their"
                        + " Idempotency-Key, %d turned out accepted (a replayed 202), the rest were accepted or refused"
                        + " on retry; %d stayed unknown\n",
                tally.unknownAtFirst(),
                tally.resolvedByReplay(),
                tally.unresolved()));
        text.append(String.format(Locale.ROOT, "- %d answers were a 5xx\n", tally.serverErrors()));
        text.append(String.format(
                Locale.ROOT,
                "- every email a decided transfer calls for is checked to arrive; %d arrived twice, each copy sent again after a"
                        + " notifier or database failure (email is at-least-once, the copy keeps its Message-ID)\n",
                campaign.emailsSentAgain()));
        if (fuzz != null) {
            text.append(String.format(
                    Locale.ROOT,
                    "- bad-input fuzz: %d requests (seed %d), answers by status %s, %d answered with a 5xx\n",
                    fuzz.requests(),
                    fuzz.seed(),
                    fuzz.statuses(),
                    fuzz.failures().size()));
        }
        text.append(String.format(Locale.ROOT, "- took %d min\n\n", took.toMinutes()));

        text.append("## Faults injected\n\n| fault | times | what |\n|---|---:|---|\n");
        for (Map.Entry<Fault, Integer> injected : campaign.injected().entrySet()) {
            text.append("| ")
                    .append(injected.getKey())
                    .append(" | ")
                    .append(injected.getValue())
                    .append(" | ")
                    .append(injected.getKey().description())
                    .append(" |\n");
        }
        text.append("\n## Each fault, in order\n\n| # | fault | what happened | s | accepted so far | 5xx | check |\n")
                .append("|---:|---|---|---:|---:|---:|---|\n");
        for (var outcome : outcomes) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %d | %d | %d | %s |\n",
                    outcome.number(),
                    outcome.fault(),
                    outcome.what().replace("|", "\\|").replace("\n", " "),
                    outcome.took().toSeconds(),
                    outcome.accepted(),
                    outcome.serverErrors(),
                    outcome.isClean() ? "clean" : "**" + outcome.check().totalViolations() + " violations**"));
        }
        if (!outcomes.isEmpty()) {
            text.append("\n## The last check\n\n```\n")
                    .append(outcomes.get(outcomes.size() - 1).check())
                    .append("```\n");
        }
        outcomes.stream()
                .filter(outcome -> !outcome.isClean())
                .forEach(outcome -> text.append(
                        "\n## Not clean: fault #" + outcome.number() + "\n\n```\n" + outcome.verdict() + "\n```\n"));
        if (fuzz != null && !fuzz.failures().isEmpty()) {
            text.append("\n## Fuzz requests answered with a 5xx\n\n");
            fuzz.failures().stream().limit(30).forEach(failure -> text.append("- `")
                    .append(failure.replace("`", "'").replace("\n", " "))
                    .append("`\n"));
        }
        return text.toString();
    }

    static void write(Path file, String markdown) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + file, e);
        }
    }

    static Path defaultFile(Instant started) {
        return Path.of(
                "results",
                "faults-"
                        + DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
                                .withZone(ZoneOffset.UTC)
                                .format(started) + ".md");
    }

    static List<Fault> everyKindBut(Fault... left) {
        return java.util.Arrays.stream(Fault.values())
                .filter(fault -> !List.of(left).contains(fault))
                .toList();
    }
}
