package app.miniwallet.notifier.postgres;

import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.platform.database.NotificationListener;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

/**
 * One PostgreSQL connection per instance that LISTENs to the channels of the {@link WakeUpHandler}s and hands each
 * NOTIFY to its handler. The connection is its own, not one of the pool's, since it is held for the life of the
 * instance. A lost connection is replaced after a growing pause, and the handlers are told that they may have missed
 * something.
 */
@Component
class DatabaseWakeUps implements SmartLifecycle {

    private final NotificationListener listener;

    DatabaseWakeUps(JdbcConnectionDetails database, List<WakeUpHandler> handlers, NotifierSettings settings) {
        Map<String, WakeUpHandler> byChannel =
                handlers.stream().collect(Collectors.toMap(WakeUpHandler::channel, Function.identity()));
        this.listener = new NotificationListener(
                "database-wake-ups",
                listenerConnections(database),
                byChannel.keySet(),
                settings.wakeUpCheckInterval(),
                notification -> {
                    var handler = byChannel.get(notification.getName());
                    if (handler != null) {
                        handler.wakeUp(notification.getParameter());
                    }
                },
                () -> handlers.forEach(WakeUpHandler::wakeUpForAnythingMissed));
    }

    /**
     * A connection of the listener's own, outside the pool. A half-open one (the database's host gone without a word)
     * is noticed by its check within the socket timeout instead of blocking the listener, and its stop, for minutes.
     */
    private static DriverManagerDataSource listenerConnections(JdbcConnectionDetails database) {
        var dataSource =
                new DriverManagerDataSource(database.getJdbcUrl(), database.getUsername(), database.getPassword());
        var properties = new Properties();
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("socketTimeout", "30");
        dataSource.setConnectionProperties(properties);
        return dataSource;
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }
}
