package app.miniwallet.notifier.postgres;

/** Work that PostgreSQL NOTIFYs on one channel set off, in every notifier instance. */
public interface WakeUpHandler {

    /** The channel to LISTEN to. */
    String channel();

    /** A NOTIFY arrived; runs on the listening thread, so it must hand real work off at once. */
    void wakeUp(String payload);

    /**
     * The instance was not listening for a while (starting, or the connection was replaced), so
     * NOTIFYs may have been missed: look at everything once.
     */
    void wakeUpForAnythingMissed();
}
