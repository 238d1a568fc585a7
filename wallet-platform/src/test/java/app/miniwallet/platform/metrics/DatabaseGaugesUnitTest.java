package app.miniwallet.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DatabaseGaugesUnitTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<Supplier<double[]>> database = new AtomicReference<>();
    private final DatabaseGauges gauges = new DatabaseGauges(
                    "test-gauges", Duration.ofHours(1), 2, () -> database.get().get())
            .gauge(registry, "test.backlog", "rows", 0)
            .gauge(registry, "test.oldest", "seconds", 1);

    @Test
    void showNothingBeforeTheFirstReading() {
        assertThat(value("test.backlog")).isNaN();
        assertThat(value("test.oldest")).isNaN();
    }

    @Test
    void showTheLastReading() {
        database.set(() -> new double[] {12, 3.5});
        gauges.read();
        assertThat(value("test.backlog")).isEqualTo(12);
        assertThat(value("test.oldest")).isEqualTo(3.5);

        database.set(() -> new double[] {0, 0});
        gauges.read();
        assertThat(value("test.backlog")).isZero();
    }

    @Test
    void showNothingAfterAFailedReadingRatherThanAStaleFigure() {
        database.set(() -> new double[] {12, 3.5});
        gauges.read();
        database.set(() -> {
            throw new IllegalStateException("the database is down");
        });

        assertThatThrownBy(gauges::read).hasMessage("the database is down");
        assertThat(value("test.backlog")).isNaN();
        assertThat(value("test.oldest")).isNaN();
    }

    private double value(String name) {
        return registry.get(name).gauge().value();
    }
}
