package app.miniwallet.platform.metrics;

import app.miniwallet.platform.background.BackgroundLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values come from one database query, read in the background at a fixed interval rather than at each
 * scrape: a scrape never waits for the database, and a database that is down or slow leaves the service's other
 * metrics readable. Each gauge shows the last reading; after a failed reading (or before the first) it shows NaN,
 * which Prometheus keeps as "no value", so a stale figure is never mistaken for a current one.
 */
public final class DatabaseGauges implements SmartLifecycle {

    private final BackgroundLoop reader;
    private final Supplier<double[]> query;
    private volatile double[] last;

    /**
     * @param name the reading thread's name
     * @param interval how often the query runs
     * @param figures how many values the query returns
     * @param query returns that many values; may throw when the database is unavailable
     */
    public DatabaseGauges(String name, Duration interval, int figures, Supplier<double[]> query) {
        this.query = query;
        this.last = nothing(figures);
        this.reader = new BackgroundLoop(name, interval, interval, keepGoing -> {
            read();
            return false;
        });
    }

    /** Registers a gauge that shows the given value of each reading. */
    public DatabaseGauges gauge(MeterRegistry registry, String name, String description, int figure) {
        Gauge.builder(name, this, gauges -> gauges.last[figure])
                .description(description)
                .register(registry);
        return this;
    }

    /** Runs the query now; a failure leaves NaN and is thrown. */
    void read() {
        try {
            last = query.get().clone();
        } catch (RuntimeException e) {
            last = nothing(last.length);
            throw e;
        }
    }

    private static double[] nothing(int figures) {
        var values = new double[figures];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }
}
