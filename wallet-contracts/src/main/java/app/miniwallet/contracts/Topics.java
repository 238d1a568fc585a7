package app.miniwallet.contracts;

/** The Kafka topics of the wallet. */
public final class Topics {

    /** {@link app.miniwallet.contracts.transfer.TransferRequested}, keyed by the sending user's id. */
    public static final String TRANSFER_REQUESTS = "wallet.transfer-requests";

    /** Request records that cannot be parsed, with the reason in headers. */
    public static final String TRANSFER_REQUESTS_DLT = "wallet.transfer-requests.DLT";

    /** {@link app.miniwallet.contracts.transfer.TransferEvent}s: the contract for analytics. */
    public static final String TRANSFER_EVENTS = "wallet.transfer-events";

    /** Account emails the API asks the notifier to send. */
    public static final String USER_EVENTS = "wallet.user-events";

    /** Header on DLT records: why the record could not be processed. */
    public static final String DLT_REASON_HEADER = "wallet-dlt-reason";

    /** Header on DLT records whose value named a transfer: its id, as text (a transfer with no row). */
    public static final String DLT_TRANSFER_ID_HEADER = "wallet-dlt-transfer-id";

    /**
     * Header on a request record an operator sent again from the DLT: the dead letter's position there,
     * {@code <partition>@<offset>}. A request that fails again carries it into its new dead letter.
     */
    public static final String REDRIVEN_FROM_HEADER = "wallet-redriven-from";

    private Topics() {}
}
