package app.miniwallet.analytics.streams;

/** The figures cannot be read on this instance now; a retry in a moment may find them. */
public class FiguresUnavailableException extends RuntimeException {

    FiguresUnavailableException(String reason) {
        super(reason);
    }
}
