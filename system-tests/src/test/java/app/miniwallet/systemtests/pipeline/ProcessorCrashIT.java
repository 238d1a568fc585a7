package app.miniwallet.systemtests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * kill -9 of the transfer-processor process in the middle of a stream of transfers, several times,
 * then a restart: every transfer ends COMPLETED or REJECTED exactly once, every balance equals its
 * ledger, no money appears or vanishes, and each transfer has exactly one event.
 */
@ApiIntegrationTest
class ProcessorCrashIT {

    private static final Logger log = LoggerFactory.getLogger(ProcessorCrashIT.class);
    private static final int PEOPLE = 6;
    private static final int SENDERS = 4;
    private static final int TRANSFERS_PER_SENDER = 60;
    private static final int KILLS = 3;

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyTransferEndsOnceWhateverMomentTheProcessorIsKilled() {
        var seed = Long.getLong("crash.seed", System.nanoTime());
        log.info("Crash test seed {} (replay with -Dcrash.seed={})", seed, seed);
        var random = new Random(seed);
        RunningProcessor.shared();
        var people = Stream.generate(() -> fixtures.personWith("200.00"))
                .limit(PEOPLE)
                .toList();
        var accepted = Collections.synchronizedList(new ArrayList<String>());
        var submitted = new AtomicInteger();

        try (var events = new TransferEventsProbe()) {
            var senders = new ArrayList<CompletableFuture<Void>>();
            for (int s = 0; s < SENDERS; s++) {
                var sender = people.get(s);
                var senderRandom = new Random(random.nextLong());
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < TRANSFERS_PER_SENDER; i++) {
                        var receiver =
                                people.get((people.indexOf(sender) + 1 + senderRandom.nextInt(PEOPLE - 1)) % PEOPLE);
                        // amounts up to 30.00: enough that some senders run dry and get rejections
                        var amount = (1 + senderRandom.nextInt(3000)) / 100.0;
                        fixtures.send(sender, receiver, String.format("%.2f", amount))
                                .ifPresent(accepted::add);
                        submitted.incrementAndGet();
                    }
                }));
            }
            var total = SENDERS * TRANSFERS_PER_SENDER;
            for (int kill = 1; kill <= KILLS; kill++) {
                // while it works: after a share of the stream is decided, with some left to do
                var killAt = total * kill / (KILLS + 2) + random.nextInt(10);
                await().atMost(Duration.ofSeconds(90)).until(() -> decidedAmong(accepted) >= killAt);
                log.info(
                        "kill -9 of the transfer-processor after {} submissions, {} decided",
                        submitted.get(),
                        decidedAmong(accepted));
                RunningProcessor.killAndRestart();
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

            await().atMost(Duration.ofSeconds(90)).until(() -> pendingAmong(accepted) == 0);

            assertThat(accepted).hasSizeGreaterThan(total / 2);
            assertThat(ledgerSumsOfUndecidedOrRejected(accepted)).isZero();
            assertThat(completedWithUnbalancedLedger(accepted)).isZero();
            for (var person : people) {
                assertThat(fixtures.balanceOf(person).minor())
                        .as("balance of %s equals its ledger", person.name())
                        .isEqualTo(fixtures.ledgerSumOf(person));
            }
            // a closed group: what the people hold plus the fees they paid is what they started with
            var held = people.stream()
                    .mapToLong(p -> fixtures.balanceOf(p).minor())
                    .sum();
            assertThat(held + feesPaid(accepted)).isEqualTo(PEOPLE * 200_00L);
            events.awaitExactlyOneEventEach(accepted);
        }
    }

    private long decidedAmong(List<String> ids) {
        synchronized (ids) {
            return ids.size() - pendingAmong(ids);
        }
    }

    private long pendingAmong(List<String> ids) {
        return jdbc.sql("select count(*) from transfers where id = any(cast(? as uuid[])) and status = 'PENDING'")
                .param(ids.toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private long ledgerSumsOfUndecidedOrRejected(List<String> ids) {
        return jdbc.sql(
                        """
                        select count(*) from ledger_entries l join transfers t on t.id = l.transfer_id
                        where t.id = any(cast(? as uuid[])) and t.status <> 'COMPLETED'""")
                .param(ids.toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    /** Completed transfers whose ledger is not exactly: sender −(amount+fee), receiver +amount, fee +fee. */
    private long completedWithUnbalancedLedger(List<String> ids) {
        return jdbc.sql(
                        """
                        select count(*) from transfers t
                        where t.id = any(cast(? as uuid[])) and t.status = 'COMPLETED'
                          and ((select coalesce(sum(amount_minor), 0) from ledger_entries where transfer_id = t.id) <> 0
                            or (select count(*) from ledger_entries where transfer_id = t.id)
                               <> case when t.fee_minor > 0 then 3 else 2 end)""")
                .param(ids.toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private long feesPaid(List<String> ids) {
        return jdbc.sql(
                        """
                        select coalesce(sum(fee_minor), 0) from transfers
                        where id = any(cast(? as uuid[])) and status = 'COMPLETED'""")
                .param(ids.toArray(String[]::new))
                .query(Long.class)
                .single();
    }
}
