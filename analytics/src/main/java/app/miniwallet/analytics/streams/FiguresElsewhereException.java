package app.miniwallet.analytics.streams;

import org.apache.kafka.streams.state.HostInfo;

/** The figures are held by another instance of the application, reachable at {@link #holder()}. */
public class FiguresElsewhereException extends FiguresUnavailableException {

    private final HostInfo holder;

    FiguresElsewhereException(HostInfo holder) {
        super("they are held by the instance at " + holder.host() + ":" + holder.port());
        this.holder = holder;
    }

    public HostInfo holder() {
        return holder;
    }
}
