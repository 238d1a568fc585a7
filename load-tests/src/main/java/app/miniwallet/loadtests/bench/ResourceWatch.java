package app.miniwallet.loadtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence of where a measured phase spent its time: the CPU each part of the system used (from /proc, so it works for
 * every process on the machine, the other tenants' included), and what PostgreSQL's client backends were doing when
 * sampled (pg_stat_activity every 100 ms: running, waiting for a lock, for I/O, or idle in a transaction). On a two-core
 * machine with everything on it, this says whether a number is the pipeline's limit or the machine's.
 */
final class ResourceWatch {

    private static final Logger log = LoggerFactory.getLogger(ResourceWatch.class);
    private static final long SAMPLE_MILLIS = 100;
    private static final int QUERY_HEAD = 48;
    private static final int LISTED_ACTIVITIES = 8;

    /**
     * What a phase used.
     *
     * @param cores CPU used by each part, in cores (1.0 = one core busy all the time); "other" is everything else on
     *     the machine
     * @param machineCores the cores the machine has
     * @param activity share of PostgreSQL client backend samples per activity, largest first
     */
    record Usage(String phase, Map<String, Double> cores, int machineCores, Map<String, Double> activity) {}

    private final Supplier<Map<String, Long>> processes;
    private final DataSource dataSource;
    private final List<Usage> usages = new ArrayList<>();

    /** @param processes the processes to account for, by name, as they are now (the processor's pid changes) */
    ResourceWatch(Supplier<Map<String, Long>> processes, DataSource dataSource) {
        this.processes = processes;
        this.dataSource = dataSource;
    }

    /** Starts watching a phase; {@link Recording#close()} ends it and keeps its usage. */
    Recording begin(String phase) {
        return new Recording(phase);
    }

    List<Usage> usages() {
        synchronized (usages) {
            return List.copyOf(usages);
        }
    }

    final class Recording implements AutoCloseable {
        private final String phase;
        private final CpuSnapshot start;
        private final Map<String, AtomicLong> activity = new ConcurrentHashMap<>();
        private final AtomicLong samples = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        private Recording(String phase) {
            this.phase = phase;
            this.start = CpuSnapshot.take(processes.get());
            this.sampler = new Thread(this::sampleWhileRunning, "pg-activity-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        @Override
        public void close() {
            running = false;
            try {
                sampler.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var end = CpuSnapshot.take(processes.get());
            var shares = new LinkedHashMap<String, Double>();
            var total = Math.max(1, samples.get());
            activity.entrySet().stream()
                    .sorted(Map.Entry.<String, AtomicLong>comparingByValue(Comparator.comparingLong(AtomicLong::get))
                            .reversed())
                    .limit(LISTED_ACTIVITIES)
                    .forEach(
                            entry -> shares.put(entry.getKey(), entry.getValue().get() / (double) total));
            var usage =
                    new Usage(phase, end.coresSince(start), Runtime.getRuntime().availableProcessors(), shares);
            log.info("{}: CPU cores used {}; PostgreSQL backends {}", phase, format(usage.cores()), format(shares));
            synchronized (usages) {
                usages.add(usage);
            }
        }

        /** One sample counts each client backend once: its activity and the head of its query. */
        private void sampleWhileRunning() {
            try (var connection = dataSource.getConnection();
                    var statement = connection.prepareStatement(
                            """
                            select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running')
                                        else state end,
                                   left(regexp_replace(query, '\\s+', ' ', 'g'), ?)
                              from pg_stat_activity
                             where backend_type = 'client backend' and pid <> pg_backend_pid()
                               and state <> 'idle'""")) {
                statement.setInt(1, QUERY_HEAD);
                while (running) {
                    var sampleTaken = false;
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            sampleTaken = true;
                            activity.computeIfAbsent(
                                            rows.getString(1) + " — " + rows.getString(2), key -> new AtomicLong())
                                    .incrementAndGet();
                        }
                    }
                    if (sampleTaken) {
                        samples.incrementAndGet();
                    }
                    Thread.sleep(SAMPLE_MILLIS);
                }
            } catch (SQLException e) {
                log.warn("stopped sampling PostgreSQL's activity: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String format(Map<String, Double> values) {
        var parts = new ArrayList<String>();
        values.forEach((key, value) -> parts.add(key + " " + String.format(java.util.Locale.ROOT, "%.2f", value)));
        return String.join(", ", parts);
    }

    /** CPU ticks used so far by each watched process (with its children) and by the whole machine. */
    private record CpuSnapshot(long nanos, Map<String, Long> ticks, long machineBusy) {

        private static final double TICKS_PER_SECOND = 100.0;

        static CpuSnapshot take(Map<String, Long> processes) {
            var table = ProcessTable.read();
            var ticks = new LinkedHashMap<String, Long>();
            processes.forEach((name, pid) -> ticks.merge(name, table.ticksWithChildren(pid), Long::sum));
            return new CpuSnapshot(System.nanoTime(), ticks, machineBusyTicks());
        }

        Map<String, Double> coresSince(CpuSnapshot start) {
            var seconds = (nanos - start.nanos) / 1e9;
            var cores = new LinkedHashMap<String, Double>();
            var accounted = 0.0;
            for (var entry : ticks.entrySet()) {
                var before = start.ticks.getOrDefault(entry.getKey(), 0L);
                var used = Math.max(0, entry.getValue() - before) / TICKS_PER_SECOND / seconds;
                cores.put(entry.getKey(), used);
                accounted += used;
            }
            var machine = (machineBusy - start.machineBusy) / TICKS_PER_SECOND / seconds;
            cores.put("other", Math.max(0, machine - accounted));
            cores.put("machine", machine);
            return cores;
        }

        /** Busy ticks of all CPUs: everything but idle and iowait, from the first line of /proc/stat. */
        private static long machineBusyTicks() {
            try {
                var fields = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
                long busy = 0;
                for (int i = 1; i < fields.length && i <= 8; i++) {
                    if (i != 4 && i != 5) {
                        busy += Long.parseLong(fields[i]);
                    }
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** utime + stime of every live process, and who its parent is, from /proc/[pid]/stat. */
    private record ProcessTable(Map<Long, long[]> entries) {

        static ProcessTable read() {
            var entries = new HashMap<Long, long[]>();
            try (Stream<Path> directories = Files.list(Path.of("/proc"))) {
                directories
                        .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                        .forEach(path -> {
                            try {
                                var stat = Files.readString(path.resolve("stat"));
                                // the command name may hold spaces and parentheses: fields start after the last ')'
                                var fields = stat.substring(stat.lastIndexOf(')') + 2)
                                        .split(" ");
                                var parent = Long.parseLong(fields[1]);
                                var own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                                var waitedChildren = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                                entries.put(
                                        Long.parseLong(path.getFileName().toString()),
                                        new long[] {parent, own, waitedChildren});
                            } catch (IOException | RuntimeException gone) {
                                // the process exited while we looked: its time went to its parent's waited children
                            }
                        });
            } catch (IOException e) {
                return new ProcessTable(Map.of());
            }
            return new ProcessTable(entries);
        }

        /** The process, its live descendants and the children it already waited for (PostgreSQL's backends). */
        long ticksWithChildren(long pid) {
            var entry = entries.get(pid);
            if (entry == null) {
                return 0;
            }
            if (pid == ProcessHandle.current().pid()) {
                // this JVM's children are the services, Kafka and PostgreSQL, each watched on its own
                return entry[1];
            }
            long total = entry[1] + entry[2];
            for (var other : entries.entrySet()) {
                if (other.getValue()[0] == pid) {
                    total += ticksWithChildren(other.getKey());
                }
            }
            return total;
        }
    }
}
