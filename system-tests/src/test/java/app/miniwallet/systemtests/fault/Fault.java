package app.miniwallet.systemtests.fault;

/** The faults a campaign injects, each under a steady stream of transfers. */
enum Fault {
    NO_FAULT("none: the stream alone, as a baseline"),
    PROCESSOR_KILL("kill -9 of a transfer-processor at a random moment, restarted with the same instance id"),
    API_KILL_DURING_SUBMISSIONS("kill -9 of the api while senders wait for answers, restarted"),
    API_KILL_WHILE_RELAY_PUBLISHES("kill -9 of the api while the outbox holds rows its relay is publishing, restarted"),
    BROKER_CLEAN_RESTART("clean restart of a random Kafka node (SIGTERM, controlled shutdown)"),
    BROKER_HARD_RESTART("kill -9 of a random Kafka node, restarted on its data (log recovery)"),
    TRANSACTION_COORDINATOR_KILL(
            "kill -9 of the Kafka node coordinating the processors' transactions, restarted on its data"),
    PARTITION_LEADER_KILL("kill -9 of the leader of the busiest wallet.transfer-requests partition, restarted"),
    FOLLOWER_STALLED(
            "SIGSTOP of a follower of the busiest partition for longer than the processors' transaction timeout,"
                    + " then SIGCONT"),
    ROLLING_RESTART("every Kafka node in turn: SIGTERM, start, wait until every replica is in sync again"),
    API_PAUSED(
            "SIGSTOP of the api under load for 20 s (its relay, its database connections and requests frozen), then SIGCONT"),
    POSTGRES_IMMEDIATE_RESTART("PostgreSQL restarted in immediate mode (no checkpoint, crash recovery)"),
    POSTGRES_PAUSED("SIGSTOP of every PostgreSQL process for 20 s under load (a hung database host), then SIGCONT"),
    NOTIFIER_KILL("kill -9 of the notifier while it reads events and sends emails, restarted"),
    NOTIFIER_PAUSED(
            "SIGSTOP of the notifier for 20 s (its Kafka consumer, SMTP and database connections frozen), then SIGCONT"),
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
