package app.miniwallet.notifier.postgres;

import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.platform.database.NotificationListener;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
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
                NotificationListener.ownConnections(database),
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
