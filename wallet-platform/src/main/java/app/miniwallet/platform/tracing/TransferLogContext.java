package app.miniwallet.platform.tracing;

import org.slf4j.MDC;

/**
 * Names the transfer that the calling thread's log lines are about ({@value #TRANSFER_ID} in the logging context,
 * a field of its own in structured logs) until closed.
 */
public final class TransferLogContext implements AutoCloseable {

    /** The logging context's key for the transfer id. */
    public static final String TRANSFER_ID = "transfer_id";

    private final Runnable alsoOnClose;

    private TransferLogContext(Runnable alsoOnClose) {
        this.alsoOnClose = alsoOnClose;
    }

    public static TransferLogContext of(Object transferId) {
        return of(transferId, () -> {});
    }

    static TransferLogContext of(Object transferId, Runnable alsoOnClose) {
        MDC.put(TRANSFER_ID, String.valueOf(transferId));
        return new TransferLogContext(alsoOnClose);
    }

    @Override
    public void close() {
        MDC.remove(TRANSFER_ID);
        alsoOnClose.run();
    }
}
