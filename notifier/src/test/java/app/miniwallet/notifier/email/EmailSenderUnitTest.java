package app.miniwallet.notifier.email;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.miniwallet.notifier.NotifierSettings;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class EmailSenderUnitTest {

    @Test
    void refusesToStartWithAsManySendersAsTheDatabasePoolHasConnections() {
        var pool = new HikariDataSource();
        pool.setMaximumPoolSize(4);

        assertThatThrownBy(() -> new EmailSender(
                        null,
                        new JavaMailSenderImpl(),
                        new DataSourceTransactionManager(pool),
                        pool,
                        settingsWithConnections(4),
                        new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wallet.notifier.email.connections (4) must be below the database pool's size");
    }

    @Test
    void startsWithFewerSendersThanTheDatabasePoolHasConnections() {
        var pool = new HikariDataSource();
        pool.setMaximumPoolSize(4);

        assertThatCode(() -> new EmailSender(
                        null,
                        new JavaMailSenderImpl(),
                        new DataSourceTransactionManager(pool),
                        pool,
                        settingsWithConnections(3),
                        new SimpleMeterRegistry()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesFewerThanOneConnection() {
        assertThatThrownBy(() -> settingsWithConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wallet.notifier.email.connections must be at least 1, was 0");
    }

    private static NotifierSettings settingsWithConnections(int connections) {
        return new NotifierSettings(
                URI.create("http://localhost:8080"),
                List.of(),
                null,
                new NotifierSettings.Email(
                        "Mini Wallet <no-reply@miniwallet.local>",
                        1,
                        20,
                        connections,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(1),
                        0),
                Duration.ofSeconds(30));
    }
}
