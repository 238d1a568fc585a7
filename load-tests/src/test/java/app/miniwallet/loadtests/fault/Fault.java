package app.miniwallet.loadtests.fault;

/** The faults a campaign injects, each under a steady stream of transfers. */
enum Fault {
    NO_FAULT("none: the stream alone, as a baseline"),
    PROCESSOR_KILL("kill -9 of a transfer-processor at a random moment, restarted with the same instance id"),
    API_KILL_DURING_SUBMISSIONS("kill -9 of the api while senders wait for answers, restarted"),
    API_KILL_WHILE_RELAY_PUBLISHES("kill -9 of the api while the outbox holds rows its relay is publishing, restarted"),
    BROKER_CLEAN_RESTART("clean restart of the Kafka broker (SIGTERM, controlled shutdown)"),
    BROKER_HARD_RESTART("hard restart of the Kafka broker (kill -9, log recovery)"),
    POSTGRES_IMMEDIATE_RESTART("PostgreSQL restarted in immediate mode (no checkpoint, crash recovery)"),
    PROCESSOR_PAUSED_BEYOND_POLL_INTERVAL(
            "SIGSTOP of one of two transfer-processors beyond max.poll.interval.ms, the other takes over, SIGCONT"),
    TWO_PROCESSORS_REBALANCING("a second transfer-processor joins, one of the two is killed and restarted, one leaves"),
    DUPLICATED_REQUESTS("copies of request records produced straight to wallet.transfer-requests"),
    POISON_REQUESTS("an unparseable record and a request for an unknown transfer in a busy partition");

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
