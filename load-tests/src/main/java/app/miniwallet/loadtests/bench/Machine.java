package app.miniwallet.loadtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.apache.kafka.common.utils.AppInfoParser;

/** What the benchmark ran on, for the report: a number means little without the machine it was measured on. */
record Machine(String cpu, int cores, long memoryMegabytes, String system, String java, String postgres, String kafka) {

    static Machine describe(DataSource dataSource) {
        return new Machine(
                readCpuModel(),
                Runtime.getRuntime().availableProcessors(),
                readMemoryMegabytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                readPostgresSettings(dataSource),
                AppInfoParser.getVersion());
    }

    /** 1, 5 and 15 minute load averages: on a shared machine, how disturbed a measurement was. */
    static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    String oneLine() {
        return String.format(
                Locale.ROOT,
                "%s, %d cores, %.1f GB RAM; %s; %s; PostgreSQL %s; Kafka %s",
                cpu,
                cores,
                memoryMegabytes / 1024.0,
                system,
                java,
                postgres,
                kafka);
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long readMemoryMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The version and what a commit waits for: a server that does not flush makes every commit nearly free. */
    private static String readPostgresSettings(DataSource dataSource) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var row = statement.executeQuery("select current_setting('server_version'), current_setting('fsync'),"
                        + " current_setting('synchronous_commit'), current_setting('wal_sync_method'),"
                        + " current_setting('shared_buffers'), current_setting('max_wal_size')")) {
            row.next();
            return String.format(
                    Locale.ROOT,
                    "%s (fsync=%s, synchronous_commit=%s, wal_sync_method=%s, shared_buffers=%s, max_wal_size=%s)",
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6));
        } catch (SQLException e) {
            return "unknown";
        }
    }
}
