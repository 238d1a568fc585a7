package app.miniwallet.loadtests.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The report of a run: an HTML page with charts (inline SVG) and a markdown summary with the same numbers, the machine
 * they were measured on and how busy it was.
 */
final class BenchReport {

    static final Duration SUBMIT_P99_TARGET = Duration.ofMillis(50);
    static final Duration COMPLETED_P99_TARGET = Duration.ofMillis(250);
    static final Duration FEED_P99_TARGET = Duration.ofMillis(500);
    static final double[] PERCENTILES = {50, 95, 99, 99.9};

    private final BenchResults results;

    BenchReport(BenchResults results) {
        this.results = results;
    }

    /** Writes report.html and summary.md into the output directory (and the summary copy); returns the HTML path. */
    Path write() {
        var output = results.options().output();
        try {
            Files.createDirectories(output);
            var html = output.resolve("report.html");
            Files.writeString(html, html(), StandardCharsets.UTF_8);
            var markdown = markdown();
            Files.writeString(output.resolve("summary.md"), markdown, StandardCharsets.UTF_8);
            var copy = results.options().summaryCopy();
            if (copy != null) {
                if (copy.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(copy.toAbsolutePath().getParent());
                }
                Files.writeString(copy, markdown, StandardCharsets.UTF_8);
            }
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report into " + output, e);
        }
    }

    /** A row of the headline table: a pipeline number against the seed-shaped baseline. */
    record Comparison(String what, double baseline, double pipeline, double target) {

        double ratio() {
            return baseline > 0 ? pipeline / baseline : Double.NaN;
        }

        boolean met() {
            return ratio() >= target;
        }
    }

    List<Comparison> comparisons() {
        var rows = new ArrayList<Comparison>();
        for (var scenario : List.of(Scenario.UNIFORM, Scenario.HOT_RECEIVER)) {
            var baseline = results.bestBaseline(scenario);
            var drain = results.drain(scenario);
            if (baseline != null && drain != null) {
                rows.add(new Comparison("processor drain, " + scenario.label(), baseline.tps(), drain.perSecond(), 5));
            }
        }
        return rows;
    }

    /**
     * A row of the first table: the wallet's end-to-end maximum against the seed-shaped service's, same traffic, same
     * generator, same run. A side without a rate search (a fixed rate) has no maximum: 0.
     */
    record HeadToHead(Scenario scenario, double wallet, double seedService, double target) {

        double ratio() {
            return wallet > 0 && seedService > 0 ? wallet / seedService : Double.NaN;
        }

        boolean met() {
            return ratio() >= target;
        }
    }

    /** The targets of issue 23: at least the seed-shaped service's rate uniform, twice it with a hot receiver. */
    static double headToHeadTarget(Scenario scenario) {
        return scenario == Scenario.HOT_RECEIVER ? 2.0 : 1.0;
    }

    List<HeadToHead> headToHead() {
        var rows = new ArrayList<HeadToHead>();
        for (var scenario : List.of(Scenario.UNIFORM, Scenario.HOT_RECEIVER)) {
            var wallet = results.scenario(scenario);
            var seedService = results.seedService(scenario);
            if (wallet != null || seedService != null) {
                rows.add(new HeadToHead(
                        scenario,
                        wallet == null ? 0 : maxThroughput(wallet),
                        seedService == null ? 0 : maxThroughput(seedService),
                        headToHeadTarget(scenario)));
            }
        }
        return rows;
    }

    private String headToHeadSection() {
        var rows = headToHead();
        if (rows.isEmpty()) {
            return "";
        }
        var md = new StringBuilder("## The wallet against the seed-shaped service\n\n");
        md.append("Maximum sustained rate of each, same traffic, same open-loop generator (latency from the intended"
                + " send time), same users and tokens, same PostgreSQL: the wallet end to end (`POST` → `202` → result"
                + " event, decided), the seed-shaped service (`POST` → `201`, decided in the request; its own phase,"
                + " before the wallet's, stopped after it).\n\n");
        md.append(
                "| traffic | wallet end to end (202 → decided, per s) | seed-shaped service (per s) | ratio | target |"
                        + " met |\n");
        md.append("|---|---:|---:|---:|---:|:---:|\n");
        for (var row : rows) {
            var measured = !Double.isNaN(row.ratio());
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | ≥ %.1f× | %s |%n",
                    row.scenario().label(),
                    row.wallet() > 0 ? String.format(Locale.ROOT, "%,.0f", row.wallet()) : "–",
                    row.seedService() > 0 ? String.format(Locale.ROOT, "%,.0f", row.seedService()) : "–",
                    measured ? String.format(Locale.ROOT, "%.2f×", row.ratio()) : "–",
                    row.target(),
                    !measured ? "–" : row.met() ? "met" : "**missed**"));
        }
        md.append('\n');
        return md.toString();
    }

    private String seedServiceSection() {
        if (results.seedService().isEmpty()) {
            return "";
        }
        var md = new StringBuilder("## Seed-shaped service (the HTTP baseline)\n\n");
        md.append("The seeds' design as a Spring Boot service (load-tests' `seedservice`): the token checked by Spring"
                + " Security, one transaction per request (both users locked in id order, two `UPDATE`s, one ledger"
                + " `INSERT`), `201` after the commit. Latency = `POST` to `201`, which is also when the transfer is"
                + " decided.\n\n");
        md.append("| scenario | max sustained (completed/s) | measured at | latency p50 / p95 / p99 / p99.9 (ms) |"
                + " completed | not accepted |\n");
        md.append("|---|---:|---:|---|---:|---:|\n");
        for (var outcome : results.seedService()) {
            var run = outcome.measured();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d/s | %s | %d | %d |%n",
                    outcome.scenario().label(),
                    outcome.steps().isEmpty() ? "–" : String.format(Locale.ROOT, "%,.0f", maxThroughput(outcome)),
                    run.rate(),
                    percentiles(run.submitLatency()),
                    run.completedCount(),
                    run.notAcceptedCount()));
        }
        md.append('\n');
        md.append(rateSearches(
                results.seedService(), step -> String.format(Locale.ROOT, "p99 %.0f ms", step.submitP99Millis())));
        return md.toString();
    }

    /** The accepted-and-completed rate of the highest sustained step. */
    static double maxThroughput(RateSearch.Outcome outcome) {
        return outcome.steps().stream()
                .filter(RateSearch.Step::sustained)
                .mapToDouble(RateSearch.Step::throughput)
                .max()
                .orElse(0);
    }

    String markdown() {
        var md = new StringBuilder();
        var options = results.options();
        md.append("# Benchmark: the pipeline against the seed's design\n\n");
        md.append("Measured ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME
                        .withZone(ZoneOffset.UTC)
                        .format(results.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .append(" UTC in ")
                .append(results.took().toMinutes())
                .append(" min on ")
                .append(results.machine().oneLine())
                .append(".\n");
        md.append(
                "Everything on that one machine: PostgreSQL, Kafka (one KRaft node), api, transfer-processor, the load"
                        + " generator and pgbench.\n");
        md.append("Load average (1/5/15 min) at each phase: ")
                .append(String.join(
                        "; ",
                        results.loadAverages().entrySet().stream()
                                .map(entry -> entry.getKey() + " " + entry.getValue())
                                .toList()))
                .append(" (it counts this benchmark's own waiting threads too; the \"other\" column under \"Where the"
                        + " time went\" is the CPU that other tenants of the machine used).\n");
        md.append("Settings: ").append(String.join("; ", options.describe())).append(".\n\n");

        md.append(headToHeadSection());

        var againstPgbench = comparisons();
        if (!againstPgbench.isEmpty()) {
            md.append("## Against the seed's SQL alone (pgbench)\n\n");
            md.append("| what | seed-shaped pgbench (tps) | pipeline (per s) | ratio | target | met |\n");
            md.append("|---|---:|---:|---:|---:|:---:|\n");
            for (var row : againstPgbench) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %,.0f | %,.0f | %.1f× | ≥ %.0f× | %s |%n",
                        row.what(),
                        row.baseline(),
                        row.pipeline(),
                        row.ratio(),
                        row.target(),
                        row.met() ? "yes" : "**no**"));
            }
            md.append('\n');
        }

        if (!results.scenarios().isEmpty()) {
            md.append("## HTTP load (open loop, latency from the intended send time)\n\n");
            md.append("Submit = `POST` to its `202`; completed = submit to the result event on `wallet.transfer-events`"
                    + " (read_committed). Targets at half the maximum sustainable rate: submit p99 < "
                    + SUBMIT_P99_TARGET.toMillis() + " ms, completed p99 < " + COMPLETED_P99_TARGET.toMillis()
                    + " ms.\n\n");
            md.append(
                    "| scenario | max sustained (accepted+completed/s) | measured at | submit p50 / p95 / p99 / p99.9 (ms)"
                            + " | completed p50 / p95 / p99 / p99.9 (ms) | accepted | not accepted | lost | targets met |\n");
            md.append("|---|---:|---:|---|---|---:|---:|---:|:---:|\n");
            for (var outcome : results.scenarios()) {
                var run = outcome.measured();
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d/s | %s | %s | %d | %d | %d | %s |%n",
                        outcome.scenario().label(),
                        outcome.steps().isEmpty() ? "–" : String.format(Locale.ROOT, "%,.0f", maxThroughput(outcome)),
                        run.rate(),
                        percentiles(run.submitLatency()),
                        percentiles(run.completedLatency()),
                        run.acceptedCount(),
                        run.notAcceptedCount(),
                        run.unfinishedCount(),
                        latencyTargetsMet(run) ? "yes" : "**no**"));
            }
            md.append('\n');
            md.append(rateSearches(
                    results.scenarios(),
                    step -> String.format(
                            Locale.ROOT, "p99 %.0f/%.0f ms", step.submitP99Millis(), step.completedP99Millis())));
        }

        md.append(seedServiceSection());

        if (results.scenarios().stream()
                .map(RateSearch.Outcome::measured)
                .anyMatch(run -> run.feedLatency().getTotalCount() > 0
                        || !run.emailSamples().isEmpty())) {
            md.append("## Live feed and emails, at half the maximum\n\n");
            md.append("Feed = the transfer's decision (`occurred_at`) to its message's arrival at one of the ")
                    .append(FeedSample.USERS)
                    .append(" users connected over STOMP, target p99 < ")
                    .append(FEED_P99_TARGET.toMillis())
                    .append(" ms. Emails = the notifier's `wallet_emails_pending` at the run's first and last sample"
                            + " (every ")
                    .append(EmailBacklogWatch.EVERY.toSeconds())
                    .append(" s) and its highest, and `wallet_emails_sent_total` per second over the run.\n\n");
            md.append(
                    "| scenario | rate | feed messages | feed p50 / p95 / p99 / p99.9 (ms) | emails pending: first → last"
                            + " (highest) | emails sent/s |\n");
            md.append("|---|---:|---:|---|---|---:|\n");
            for (var outcome : results.scenarios()) {
                var run = outcome.measured();
                var samples = run.emailSamples();
                var feed = run.feedLatency();
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d/s | %,d | %s | %s | %s |%n",
                        outcome.scenario().label(),
                        run.rate(),
                        feed.getTotalCount(),
                        percentiles(feed),
                        samples.isEmpty()
                                ? "–"
                                : String.format(
                                        Locale.ROOT,
                                        "%,d → %,d (%,d)",
                                        samples.get(0).pending(),
                                        samples.get(samples.size() - 1).pending(),
                                        samples.stream()
                                                .mapToLong(LoadRun.EmailSample::pending)
                                                .max()
                                                .orElse(0)),
                        emailsSentPerSecond(samples)));
            }
            md.append('\n');
        }

        if (!results.drains().isEmpty()) {
            md.append("## Processor drain\n\n");
            md.append(
                    "| traffic | requests | COPY rows | produce records | processor start | drain | rate | completed |"
                            + " rejected | pending |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (var drain : results.drains()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %,d | %.1f s | %.1f s | %.1f s | %.1f s | %,.0f/s | %,d | %,d | %,d |%n",
                        drain.scenario().label(),
                        drain.records(),
                        seconds(drain.preloadRows()),
                        seconds(drain.preloadRecords()),
                        seconds(drain.processorStartup()),
                        seconds(drain.drain()),
                        drain.perSecond(),
                        drain.completed(),
                        drain.rejected(),
                        drain.pending()));
            }
            md.append('\n');
        }

        if (!results.baseline().isEmpty()) {
            md.append("## Seed-shaped baseline (pgbench)\n\n");
            md.append("Each transaction: `SELECT … WHERE id IN (sender, receiver) ORDER BY id FOR UPDATE`, two"
                    + " `UPDATE`s, one ledger `INSERT`, `COMMIT` — the seed's design, on the same PostgreSQL server"
                    + " (its durability settings are in the first line). The best client count is the baseline.\n\n");
            md.append("| traffic | clients | tps | average latency | failed |\n|---|---:|---:|---:|---:|\n");
            for (var run : results.baseline()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %,.0f | %.1f ms | %d |%n",
                        run.scenario().label(),
                        run.clients(),
                        run.tps(),
                        run.latencyMillis(),
                        run.failed()));
            }
            md.append('\n');
        }

        if (!results.usages().isEmpty()) {
            md.append("## Where the time went\n\n");
            md.append("CPU used per part of the system during each measured phase, in cores (the machine has ")
                    .append(results.machine().cores())
                    .append("; \"other\" is every other process on the machine), then what PostgreSQL's client"
                            + " backends were doing, sampled every 100 ms (share of samples with a busy backend;"
                            + " several backends can be busy in one sample).\n\n");
            var parts = results.usages().stream()
                    .flatMap(usage -> usage.cores().keySet().stream())
                    .distinct()
                    .toList();
            md.append("| phase | ").append(String.join(" | ", parts)).append(" |\n");
            md.append("|---|").append("---:|".repeat(parts.size())).append('\n');
            for (var usage : results.usages()) {
                md.append("| ").append(usage.phase());
                for (var part : parts) {
                    md.append(
                            String.format(Locale.ROOT, " | %.2f", usage.cores().getOrDefault(part, 0.0)));
                }
                md.append(" |\n");
            }
            md.append('\n');
            for (var usage : results.usages()) {
                md.append("PostgreSQL, ").append(usage.phase()).append(": ");
                md.append(String.join(
                        "; ",
                        usage.activity().entrySet().stream()
                                .limit(5)
                                .map(entry -> String.format(
                                        Locale.ROOT, "%.0f%% `%s`", 100 * entry.getValue(), entry.getKey()))
                                .toList()));
                md.append(".\n\n");
            }
        }

        md.append("## Invariant check\n\n```\n").append(results.check().strip()).append("\n```\n");
        return md.toString();
    }

    /** Each search's steps on one line; {@code p99} gives a step's latency, which differs by who decides when. */
    private static String rateSearches(List<RateSearch.Outcome> outcomes, Function<RateSearch.Step, String> p99) {
        var md = new StringBuilder();
        for (var outcome : outcomes) {
            if (outcome.steps().isEmpty()) {
                continue;
            }
            md.append("Rate search, ").append(outcome.scenario().label()).append(": ");
            md.append(String.join(
                    "; ",
                    outcome.steps().stream()
                            .map(step -> String.format(
                                    Locale.ROOT,
                                    "%d/s → %,.0f/s, %s%s",
                                    step.rate(),
                                    step.throughput(),
                                    p99.apply(step),
                                    step.sustained() ? "" : " (not sustained: " + step.verdict() + ")"))
                            .toList()));
            md.append(".\n\n");
        }
        return md.toString();
    }

    String html() {
        var html = new StringBuilder();
        html.append(
                """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Mini Wallet benchmark</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
                table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
                th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
                th:first-child, td:first-child { text-align: left; }
                pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }
                .chart { display: block; margin: 1em 0; }
                .chart .title { font-size: 15px; font-weight: 600; }
                .chart .tick, .chart .value, .chart .legend { font-size: 11px; fill: #444; }
                .chart .label { font-size: 12px; fill: #222; }
                .chart .grid { stroke: #e4e4e4; }
                .chart .axis { stroke: #888; }
                .no { color: #b00; font-weight: 600; }
                </style></head><body>
                """);
        html.append("<h1>Mini Wallet: the pipeline against the seed's design</h1>\n");
        html.append(markdownTablesAsHtml());
        html.append(baselineChart());
        for (var outcome : results.scenarios()) {
            html.append(scenarioCharts(outcome));
        }
        if (!results.scenarios().isEmpty()) {
            html.append(latencyCharts());
        }
        if (!results.drains().isEmpty()) {
            html.append(SvgChart.lines(
                    "Processor drain: requests decided per second (from the processor's launch)",
                    "seconds",
                    "requests / s",
                    results.drains().stream()
                            .map(drain -> new SvgChart.Line(
                                    drain.scenario().label(),
                                    Arrays.stream(drain.processedPerSecond())
                                            .asDoubleStream()
                                            .toArray()))
                            .toList()));
        }
        var bestBaselines = new ArrayList<SvgChart.Line>();
        for (var scenario : List.of(Scenario.UNIFORM, Scenario.HOT_RECEIVER)) {
            var best = results.bestBaseline(scenario);
            if (best != null) {
                bestBaselines.add(new SvgChart.Line(
                        "pgbench " + scenario.label() + ", " + best.clients() + " clients", best.tpsPerSecond()));
            }
        }
        if (!bestBaselines.isEmpty()) {
            html.append(SvgChart.lines(
                    "Seed-shaped baseline: pgbench transactions per second", "seconds", "tps", bestBaselines));
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private String baselineChart() {
        var groups = List.of(Scenario.UNIFORM, Scenario.HOT_RECEIVER);
        Function<Function<Scenario, Double>, double[]> values =
                pick -> groups.stream().mapToDouble(pick::apply).toArray();
        var series = new ArrayList<SvgChart.Bars>();
        series.add(new SvgChart.Bars("seed-shaped pgbench (tps)", values.apply(scenario -> {
            var best = results.bestBaseline(scenario);
            return best == null ? Double.NaN : best.tps();
        })));
        series.add(new SvgChart.Bars("processor drain (/s)", values.apply(scenario -> {
            var drain = results.drain(scenario);
            return drain == null ? Double.NaN : drain.perSecond();
        })));
        series.add(new SvgChart.Bars("end to end, max sustained (/s)", values.apply(scenario -> {
            var outcome = results.scenario(scenario);
            return outcome == null || outcome.steps().isEmpty() ? Double.NaN : maxThroughput(outcome);
        })));
        return SvgChart.bars(
                "Transfers per second: the seed's design (pgbench) and the pipeline, side by side",
                "transfers / s",
                groups.stream().map(Scenario::label).toList(),
                series,
                false);
    }

    private String scenarioCharts(RateSearch.Outcome outcome) {
        var run = outcome.measured();
        var html = new StringBuilder();
        html.append("<h2>")
                .append(SvgChart.escape(
                        outcome.scenario().label() + ": " + outcome.scenario().description()))
                .append("</h2>\n");
        if (!outcome.steps().isEmpty()) {
            html.append("<table><tr><th>offered /s</th><th>accepted+completed /s</th><th>accepted</th>"
                    + "<th>not accepted</th><th>without result</th><th>submit p99 ms</th><th>completed p99 ms</th>"
                    + "<th>sustained</th></tr>\n");
            for (var step : outcome.steps()) {
                html.append(String.format(
                        Locale.ROOT,
                        "<tr><td>%d</td><td>%,.0f</td><td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td>"
                                + "<td>%s</td></tr>%n",
                        step.rate(),
                        step.throughput(),
                        step.accepted(),
                        step.notAccepted(),
                        step.unfinished(),
                        step.submitP99Millis(),
                        step.completedP99Millis(),
                        step.sustained() ? "yes" : "<span class=\"no\">no</span>: " + SvgChart.escape(step.verdict())));
            }
            html.append("</table>\n");
        }
        html.append(SvgChart.lines(
                String.format(
                        Locale.ROOT,
                        "%s at %d/s: throughput over time",
                        outcome.scenario().label(),
                        run.rate()),
                "seconds",
                "per second",
                List.of(
                        new SvgChart.Line("offered", doubles(run.offeredPerSecond())),
                        new SvgChart.Line("accepted (202)", doubles(run.acceptedPerSecond())),
                        new SvgChart.Line("completed (event seen)", doubles(run.completedPerSecond())),
                        new SvgChart.Line("not accepted", doubles(run.failedPerSecond())))));
        var perSecond = run.percentilesPerSecond();
        html.append(SvgChart.lines(
                outcome.scenario().label() + " at " + run.rate() + "/s: latency per second",
                "seconds",
                "ms",
                List.of(
                        new SvgChart.Line("submit p50", column(perSecond, 0)),
                        new SvgChart.Line("submit p99", column(perSecond, 1)),
                        new SvgChart.Line("completed p50", column(perSecond, 2)),
                        new SvgChart.Line("completed p99", column(perSecond, 3)))));
        return html.toString();
    }

    private String latencyCharts() {
        var groups = results.scenarios().stream()
                .map(outcome ->
                        outcome.scenario().label() + " @ " + outcome.measured().rate() + "/s")
                .toList();
        var html = new StringBuilder("<h2>Latency percentiles at half the maximum sustainable rate</h2>\n");
        for (var kind : List.of("submit", "completed")) {
            var series = new ArrayList<SvgChart.Bars>();
            for (var percentile : PERCENTILES) {
                series.add(new SvgChart.Bars(
                        "p" + SvgChart.number(percentile),
                        results.scenarios().stream()
                                .mapToDouble(outcome -> {
                                    var histogram = kind.equals("submit")
                                            ? outcome.measured().submitLatency()
                                            : outcome.measured().completedLatency();
                                    return histogram.getValueAtPercentile(percentile) / 1_000.0;
                                })
                                .toArray()));
            }
            html.append(SvgChart.bars(
                    kind.equals("submit")
                            ? "Submit latency (POST to 202), ms, log scale"
                            : "Submit to completed (POST to result event), ms, log scale",
                    "ms",
                    groups,
                    series,
                    true));
        }
        return html.toString();
    }

    /** The summary's tables, rendered minimally: the HTML page says what the markdown says, then shows it. */
    private String markdownTablesAsHtml() {
        var html = new StringBuilder();
        var inTable = false;
        var inCode = false;
        for (var line : markdown().split("\n")) {
            if (line.startsWith("```")) {
                html.append(inCode ? "</pre>\n" : "<pre>");
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                html.append(SvgChart.escape(line)).append('\n');
                continue;
            }
            if (line.startsWith("|")) {
                if (line.startsWith("|---")) {
                    continue;
                }
                var cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip)
                        .map(cell -> SvgChart.escape(cell).replace("`", ""))
                        .map(cell -> cell.startsWith("**")
                                ? "<span class=\"no\">" + cell.replace("**", "") + "</span>"
                                : cell)
                        .toList();
                var tag = inTable ? "td" : "th";
                html.append(inTable ? "" : "<table>\n").append("<tr>");
                cells.forEach(cell -> html.append('<')
                        .append(tag)
                        .append('>')
                        .append(cell)
                        .append("</")
                        .append(tag)
                        .append('>'));
                html.append("</tr>\n");
                inTable = true;
                continue;
            }
            if (inTable) {
                html.append("</table>\n");
                inTable = false;
            }
            if (line.startsWith("# ")) {
                continue;
            }
            if (line.startsWith("## ")) {
                html.append("<h2>").append(SvgChart.escape(line.substring(3))).append("</h2>\n");
            } else if (!line.isBlank()) {
                html.append("<p>")
                        .append(SvgChart.escape(line).replace("`", ""))
                        .append("</p>\n");
            }
        }
        if (inTable) {
            html.append("</table>\n");
        }
        return html.toString();
    }

    boolean latencyTargetsMet(LoadRun run) {
        var feed = run.feedLatency();
        return run.submitLatency().getValueAtPercentile(99) < SUBMIT_P99_TARGET.toNanos() / 1_000
                && run.completedLatency().getValueAtPercentile(99) < COMPLETED_P99_TARGET.toNanos() / 1_000
                && (feed.getTotalCount() == 0 || feed.getValueAtPercentile(99) < FEED_P99_TARGET.toNanos() / 1_000);
    }

    private static String emailsSentPerSecond(List<LoadRun.EmailSample> samples) {
        if (samples.size() < 2) {
            return "–";
        }
        var first = samples.get(0);
        var last = samples.get(samples.size() - 1);
        var seconds = last.secondOfRun() - first.secondOfRun();
        return seconds <= 0
                ? "–"
                : String.format(Locale.ROOT, "%,.0f", (last.sentTotal() - first.sentTotal()) / (double) seconds);
    }

    private static String percentiles(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "–";
        }
        return String.join(
                " / ",
                Arrays.stream(PERCENTILES)
                        .mapToObj(percentile -> SvgChart.number(histogram.getValueAtPercentile(percentile) / 1_000.0))
                        .toList());
    }

    private static double[] doubles(long[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(row -> row[index]).toArray();
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1_000.0;
    }
}
