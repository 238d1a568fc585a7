package app.miniwallet.loadtests;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the load-tests commands read their options (with picocli; what each option means is in the command's resource
 * bundle, keyed by the option's name without dashes), and the converters of their numbers.
 */
public final class Cli {

    private Cli() {}

    /** 0 after {@code --help}, 2 on a wrong option (the mistake and the help go to {@code err}), else the command's. */
    public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        var outWriter = new PrintWriter(out, true);
        var errWriter = new PrintWriter(err, true);
        var status = commandLine(command).setOut(outWriter).setErr(errWriter).execute(args);
        outWriter.flush();
        errWriter.flush();
        return status;
    }

    /** An option given twice takes the last value, as a script that puts its own before {@code "$@"} expects. */
    public static CommandLine commandLine(Object command) {
        var commandLine = new CommandLine(command)
                .setOverwrittenOptionsAllowed(true)
                .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
                .setUsageHelpWidth(120)
                .setUsageHelpLongOptionsMaxWidth(28);
        var usage = commandLine.getCommandSpec().usageMessage();
        usage.synopsisHeading("usage: ").abbreviateSynopsis(true).sortOptions(false);
        return commandLine;
    }

    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(1, value);
        }
    }

    public static final class NotNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(0, value);
        }
    }

    /** Whole seconds, 0 or more. */
    public static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofSeconds(atLeast(0, value));
        }
    }

    private static int atLeast(int least, String value) {
        try {
            var number = Integer.parseInt(value.strip());
            if (number >= least) {
                return number;
            }
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expects a whole number, got '" + value + "'");
        }
        throw new TypeConversionException("must be at least " + least + ", was " + value);
    }
}
