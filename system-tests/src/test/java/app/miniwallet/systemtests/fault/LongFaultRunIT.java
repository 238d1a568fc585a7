package app.miniwallet.systemtests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.auth.AccessTokenSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long form of the fault campaign, run by {@code load-tests/faults} (not by {@code ./mvnw verify}) on the
 * three-node cluster: every fault kind {@code faults.rounds} times and {@code faults.kills} kill -9s of a processor (at
 * least 20), in an order shuffled by {@code faults.seed}, then a bad-input fuzz of {@code fuzz.requests}. Writes its
 * report to {@code faults.report} (default {@code results/faults-<time>.md}) and fails if any check was not clean.
 */
@EnabledIfSystemProperty(named = "faults.long", matches = "true")
class LongFaultRunIT {

    private static final Logger log = LoggerFactory.getLogger(LongFaultRunIT.class);

    @Test
    void everyGuaranteeHoldsThroughEveryFaultKindAndTwentyProcessorKills() {
        var seed = Long.getLong("faults.seed", System.nanoTime());
        var kills = Integer.getInteger("faults.kills", 20);
        var rounds = Integer.getInteger("faults.rounds", 5);
        var fuzzRequests = Integer.getInteger("fuzz.requests", 3_000);
        log.info("long fault run: seed {}, {} processor kills, {} rounds of every other fault", seed, kills, rounds);
        var began = System.nanoTime();
        var stack = FaultStack.shared();
        try (var campaign = FaultCampaign.on(stack, seed)) {
            var plan = new ArrayList<Fault>();
            for (int i = 0; i < kills; i++) {
                plan.add(Fault.PROCESSOR_KILL);
            }
            for (int round = 0; round < rounds; round++) {
                plan.addAll(FaultRunReport.everyKindBut(Fault.NO_FAULT, Fault.PROCESSOR_KILL));
            }
            campaign.inject(Fault.NO_FAULT);
            for (var fault : campaign.shuffled(plan)) {
                var outcome = campaign.inject(fault);
                if (!outcome.isClean()) {
                    log.error("not clean after {}:\n{}", fault, outcome.verdict());
                }
            }
            var people = new WalletPeople(
                    stack.dataSource(), new AccessTokenSigner(stack.jwtSecret(), FaultStack.TOKEN_VALIDITY));
            var caller = people.personWith(100_00);
            var fuzz = new BadInputFuzz(stack::apiUri, caller.bearer())
                    .run(seed, fuzzRequests, people.personWith(0).account().value());

            var report = FaultRunReport.markdown(campaign, fuzz, Duration.ofNanos(System.nanoTime() - began));
            var file = Path.of(System.getProperty(
                    "faults.report",
                    FaultRunReport.defaultFile(campaign.started()).toString()));
            FaultRunReport.write(file, report);
            log.info("report written to {}:\n{}", file.toAbsolutePath(), report);

            assertThat(campaign.injected().getOrDefault(Fault.PROCESSOR_KILL, 0))
                    .isGreaterThanOrEqualTo(20);
            assertThat(campaign.outcomes())
                    .allSatisfy(outcome ->
                            assertThat(outcome.isClean()).as(outcome::verdict).isTrue());
            assertThat(fuzz.failures()).as("fuzz requests answered with a 5xx").isEmpty();
        }
    }
}
