package app.miniwallet.loadtests.bench;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The benchmark as one command (load-tests/bench runs it): starts the stack or targets a running one, seeds it, runs
 * the seed-shaped baseline, the HTTP scenarios and the processor drain, checks every guarantee over what it did, and
 * writes the report. Exit status 0 when nothing was lost and the checker found nothing, 1 otherwise, 2 on bad options.
 */
public final class BenchCommand {

    private BenchCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help")) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(BenchOptions.USAGE);
            return 2;
        }
        var results = new Benchmark(options).run();
        var report = new BenchReport(results);
        var html = report.write();
        out.println(report.markdown());
        out.println("Report: " + html.toAbsolutePath());
        return results.passed() ? 0 : 1;
    }
}
