package app.miniwallet.systemtests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short form of the fault campaign, part of {@code ./mvnw verify}: one of most faults (a few processor kills, a
 * Kafka node killed) against the services as separate processes, a real three-node Kafka cluster and a real
 * PostgreSQL, each under a steady stream of
 * transfers with hot-account traffic, each followed by the invariant checker over every transfer accepted so far. The
 * long form, every fault kind and at least 20 processor kills, is {@code load-tests/faults}. Replay the random
 * choices with {@code -Dfaults.seed=<the seed in the log>}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosIT {

    private static final Logger log = LoggerFactory.getLogger(FaultScenariosIT.class);

    private static FaultCampaign campaign;

    @BeforeAll
    static void startTheStream() {
        var seed = Long.getLong("faults.seed", System.nanoTime());
        log.info("fault scenarios seed {} (replay with -Dfaults.seed={})", seed, seed);
        campaign = FaultCampaign.on(FaultStack.shared(), seed);
    }

    @AfterAll
    static void stopTheStream() {
        if (campaign != null) {
            campaign.close();
        }
    }

    /**
     * No fault: the baseline. A valid submission may be refused (422) but never fail on the server, even while the
     * processor locks the accounts it is submitted against.
     */
    @Test
    @Order(0)
    void validSubmissionsAreNeverAnsweredWithA5xxWhileTransfersAreApplied() {
        var outcome = campaign.inject(Fault.NO_FAULT);

        assertClean(outcome);
        assertThat(outcome.serverErrors())
                .as("5xx answers to valid submissions")
                .isZero();
    }

    @Test
    @Order(1)
    void everyAcceptedTransferIsDecidedOnceWhateverMomentTheProcessorIsKilled() {
        for (int kill = 0; kill < 3; kill++) {
            assertClean(campaign.inject(Fault.PROCESSOR_KILL));
        }
    }

    /**
     * On the three-node cluster: the node coordinating the processors' open transactions dies (kill -9); another takes
     * over their transaction log, their commits fail or wait, and every batch is decided once with one event.
     */
    @Test
    @Order(2)
    void aKilledTransactionCoordinatorLosesAndRepeatsNothing() {
        assertClean(campaign.inject(Fault.TRANSACTION_COORDINATOR_KILL));
    }

    @Test
    @Order(3)
    void anImmediateRestartOfPostgresLosesNoDecision() {
        assertClean(campaign.inject(Fault.POSTGRES_IMMEDIATE_RESTART));
    }

    @Test
    @Order(4)
    void aProcessorPausedBeyondItsPollIntervalIsFencedAndAppliesNothingTwice() {
        assertClean(campaign.inject(Fault.PROCESSOR_PAUSED_BEYOND_POLL_INTERVAL));
    }

    @Test
    @Order(5)
    void duplicatedRequestRecordsAreAppliedOnceWithOneEvent() {
        assertClean(campaign.inject(Fault.DUPLICATED_REQUESTS));
    }

    @Test
    @Order(6)
    void poisonRecordsGoToTheDeadLetterTopicWithoutBlockingTheirPartition() {
        assertClean(campaign.inject(Fault.POISON_REQUESTS));
    }

    @Test
    @Order(7)
    void nothingTheApiAcceptedIsLostWhenItIsKilledWhileItsRelayPublishes() {
        assertClean(campaign.inject(Fault.API_KILL_WHILE_RELAY_PUBLISHES));
    }

    /**
     * The notifier dies (kill -9) while it reads events and sends emails: every email the decided transfers call for
     * still arrives, and a copy arrives twice only if the kill fell between SMTP taking it and its commit.
     */
    @Test
    @Order(8)
    void noEmailIsLostWhenTheNotifierIsKilled() {
        assertClean(campaign.inject(Fault.NOTIFIER_KILL));
    }

    private static void assertClean(FaultOutcome outcome) {
        assertThat(outcome.accepted()).as("transfers accepted so far").isPositive();
        assertThat(outcome.isClean()).as(outcome::verdict).isTrue();
    }
}
