package app.miniwallet.testsupport.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The log events of some loggers, kept as the threads that log them append them (with their MDC), and safe to read
 * while they do. Open it before the code under test logs, close it after.
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final List<Logger> loggers;

    private CapturedLog(List<Logger> loggers) {
        this.loggers = loggers;
    }

    /** Starts capturing what the loggers of these names log. */
    public static CapturedLog of(String... loggerNames) {
        var log = new CapturedLog(Stream.of(loggerNames)
                .map(name -> (Logger) LoggerFactory.getLogger(name))
                .toList());
        log.start();
        log.loggers.forEach(logger -> logger.addAppender(log));
        return log;
    }

    /** What was logged so far, in the order it was appended. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    protected void append(ILoggingEvent event) {
        // the MDC and the message as they are now, on the logging thread
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(this));
        stop();
    }
}
