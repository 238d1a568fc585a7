package app.miniwallet.systemtests.fault;

import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.loadtests.check.CheckRequest;
import app.miniwallet.loadtests.check.InvariantChecker;
import app.miniwallet.loadtests.check.SentEmail;
import app.miniwallet.systemtests.fault.WalletPeople.Person;
import app.miniwallet.testsupport.auth.AccessTokenSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults into the {@link FaultStack} one after another, each under the {@link TransferStream}: let the stream
 * flow, inject the fault, recover (restart what was killed, wait until transfers are decided again), stop the stream,
 * and let the {@link InvariantChecker} judge every transfer accepted so far. Every random choice (when to kill, whom,
 * which records to copy, the stream's amounts and receivers) comes from one seed; the interleaving with the services'
 * own threads cannot be replayed, the choices can.
 */
final class FaultCampaign implements AutoCloseable {

    static final String PROCESSOR_A = "processor-a";
    static final String PROCESSOR_B = "processor-b";

    private static final Logger log = LoggerFactory.getLogger(FaultCampaign.class);
    private static final int PEOPLE = 10;
    private static final long STARTING_BALANCE_MINOR = 500_00;
    /** Transfers decided before a fault (the stream is flowing) and after it (the wallet recovered). */
    private static final int FLOWING = 25;
    /**
     * Long enough for contention between submissions and the processor to show (see docs/performance-log.md, "The
     * fault campaign's no-fault baseline").
     */
    private static final int BASELINE = 2_000;
    /** How long the wallet may take to decide transfers again after a fault, on a busy shared machine. */
    private static final Duration RECOVERY = Duration.ofMinutes(4);

    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** Longer than the processors' transaction.timeout.ms, so their transactions time out while it stalls. */
    private static final Duration STALLED_FOLLOWER = Duration.ofSeconds(35);
    /** Long enough for a paused process's connections and its callers' requests to stall. */
    private static final Duration PAUSED = Duration.ofSeconds(20);

    private static final long UNANSWERED = Long.MIN_VALUE;
    private static final Pattern FENCING = Pattern.compile(
            "Fenced|fenced|InvalidProducerEpoch|CommitFailed|ILLEGAL_GENERATION|UNKNOWN_MEMBER_ID|REBALANCE_IN_PROGRESS");

    private final FaultStack stack;
    private final long seed;
    private final Random random;
    private final TransferStream stream;
    private final Person hot;
    private final InvariantChecker checker;
    private final RequestRecords requests;
    private final ProcessorGroup group;
    private final ClusterRoles roles;
    private final List<FaultOutcome> outcomes = new ArrayList<>();
    /**
     * When the notifier or its database was killed, restarted or stopped: an email SMTP took just before may not have
     * been recorded as sent, and goes out again after.
     */
    private final List<Instant> mailInterruptions = new ArrayList<>();

    private volatile int emailsSentAgain;
    private final Instant started = Instant.now();

    private FaultCampaign(FaultStack stack, long seed) {
        this.stack = stack;
        this.seed = seed;
        this.random = new Random(seed);
        if (!stack.isRunning(PROCESSOR_A)) {
            stack.startProcessor(PROCESSOR_A);
        }
        var people = new WalletPeople(
                        stack.dataSource(), new AccessTokenSigner(stack.jwtSecret(), FaultStack.TOKEN_VALIDITY))
                .peopleWith(PEOPLE, STARTING_BALANCE_MINOR);
        this.hot = people.get(0);
        this.stream = new TransferStream(stack::apiUri, people, hot, random.nextLong()).start();
        this.checker = new InvariantChecker(stack.dataSource(), stack.bootstrapServers());
        this.requests = new RequestRecords(stack.bootstrapServers());
        this.group = new ProcessorGroup(stack.bootstrapServers());
        this.roles = new ClusterRoles(stack.bootstrapServers());
    }

    static FaultCampaign on(FaultStack stack, long seed) {
        log.info("fault campaign seed {} (replay the choices with -Dfaults.seed={})", seed, seed);
        return new FaultCampaign(stack, seed);
    }

    long seed() {
        return seed;
    }

    List<FaultOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    Instant started() {
        return started;
    }

    TransferStream.Tally tally() {
        return stream.tally();
    }

    /** Emails that arrived twice because the notifier or its database failed between sending one and recording it. */
    int emailsSentAgain() {
        return emailsSentAgain;
    }

    Map<Fault, Integer> injected() {
        var counts = new EnumMap<Fault, Integer>(Fault.class);
        outcomes.forEach(outcome -> counts.merge(outcome.fault(), 1, Integer::sum));
        return counts;
    }

    /** The long form's order: the given faults, shuffled by the seed. */
    List<Fault> shuffled(List<Fault> faults) {
        var order = new ArrayList<>(faults);
        Collections.shuffle(order, random);
        return order;
    }

    FaultOutcome inject(Fault fault) {
        var number = outcomes.size() + 1;
        var began = System.nanoTime();
        var serverErrorsBefore = stream.tally().serverErrors();
        progress("fault #%d %s: %s".formatted(number, fault, fault.description()));
        stream.resume();
        awaitDecided(FLOWING, "the stream flowing before " + fault);
        var what =
                switch (fault) {
                    case NO_FAULT -> flowAlone();
                    case PROCESSOR_KILL -> killAProcessor();
                    case API_KILL_DURING_SUBMISSIONS -> killTheApiDuringSubmissions();
                    case API_KILL_WHILE_RELAY_PUBLISHES -> killTheApiWhileTheRelayPublishes();
                    case BROKER_CLEAN_RESTART -> restartANode(randomNode(), false);
                    case BROKER_HARD_RESTART -> restartANode(randomNode(), true);
                    case TRANSACTION_COORDINATOR_KILL -> killTheTransactionCoordinator();
                    case PARTITION_LEADER_KILL -> killTheBusiestLeader();
                    case FOLLOWER_STALLED -> stallAFollower();
                    case ROLLING_RESTART -> rollingRestart();
                    case API_PAUSED -> paused("the api", stack.api()::pause, stack.api()::resume);
                    case POSTGRES_IMMEDIATE_RESTART -> restartPostgres();
                    case POSTGRES_PAUSED ->
                        paused("every PostgreSQL process", stack.postgres()::pause, stack.postgres()::resume);
                    case NOTIFIER_KILL -> killTheNotifier();
                    case NOTIFIER_PAUSED -> pauseTheNotifier();
                    case PROCESSOR_PAUSED_BEYOND_POLL_INTERVAL -> pauseAProcessor();
                    case TWO_PROCESSORS_REBALANCING -> rebalanceTwoProcessors();
                    case DUPLICATED_REQUESTS -> duplicateRequests();
                    case POISON_REQUESTS -> poisonAPartition();
                };
        awaitDecided(FLOWING, "transfers decided again after " + fault);
        stream.pause(RECOVERY);
        var check = checker.check(CheckRequest.everything()
                .forTransfers(stream.acceptedIds())
                .settlingWithin(SETTLE)
                .expectingEveryEmailIn(this::emailsArrived));
        var outcome = new FaultOutcome(
                number,
                fault,
                what,
                Duration.ofNanos(System.nanoTime() - began),
                stream.acceptedCount(),
                stream.tally(),
                stream.tally().serverErrors() - serverErrorsBefore,
                check);
        outcomes.add(outcome);
        progress("fault #%d %s done in %d s: %s; %d accepted so far, %d 5xx answers, %d emails sent again; check %s"
                .formatted(
                        number,
                        fault,
                        outcome.took().toSeconds(),
                        what,
                        outcome.accepted(),
                        outcome.serverErrors(),
                        emailsSentAgain,
                        check.isClean() ? "CLEAN" : "FAILED\n" + check));
        return outcome;
    }

    // ---- the faults

    private String flowAlone() {
        awaitDecided(BASELINE, "the stream alone");
        return "nothing injected; the stream alone for " + BASELINE + " decisions";
    }

    private String killAProcessor() {
        var victim = runningProcessors().get(random.nextInt(runningProcessors().size()));
        var moment = 1 + random.nextInt(60);
        awaitDecided(moment, "the kill moment");
        stack.killAndRestartProcessor(victim);
        return "killed " + victim + " " + moment + " decisions after the stream flowed; restarted";
    }

    private String killTheApiDuringSubmissions() {
        var moment = 1 + random.nextInt(40);
        awaitDecided(moment, "the kill moment");
        var unknownBefore = stream.tally().unknownAtFirst();
        stack.killAndRestartApi();
        awaitDecided(FLOWING, "the restarted api");
        return "killed the api %d decisions in; %d submissions got no answer and were retried with their key"
                .formatted(moment, stream.tally().unknownAtFirst() - unknownBefore);
    }

    private String killTheApiWhileTheRelayPublishes() {
        var outboxRows = new long[1];
        await("rows in the outbox")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> (outboxRows[0] = queryLong("select count(*) from outbox")) > 0);
        stack.killAndRestartApi();
        return "killed the api with %d rows in its outbox; restarted, its relay published them"
                .formatted(outboxRows[0]);
    }

    private int randomNode() {
        return 1 + random.nextInt(FaultStack.KAFKA_NODES);
    }

    private String restartANode(int node, boolean hard) {
        var broker = stack.kafka().broker(node);
        if (hard) {
            broker.kill();
        } else {
            broker.stopCleanly();
        }
        broker.start();
        awaitEveryReplicaInSync();
        return (hard ? "killed" : "stopped") + " Kafka node " + node + " and started it again on its data";
    }

    private String killTheTransactionCoordinator() {
        var coordinator = roles.transactionCoordinatorOf(runningProcessors());
        return restartANode(coordinator, true) + "; it coordinated the processors' transactions";
    }

    private String killTheBusiestLeader() {
        var partition = roles.busiestRequestPartition();
        var leader = roles.leaderOf(partition);
        return restartANode(leader, true) + "; it led wallet.transfer-requests partition " + partition.partition();
    }

    private String stallAFollower() {
        var partition = roles.busiestRequestPartition();
        var follower = roles.followerOf(partition);
        var broker = stack.kafka().broker(follower);
        var pausedAt = System.nanoTime();
        broker.pause();
        try {
            await("Kafka node " + follower + " stalled for longer than the transaction timeout, " + STALLED_FOLLOWER
                            + ", with transfers still decided meanwhile")
                    .atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> System.nanoTime() - pausedAt > STALLED_FOLLOWER.toNanos());
            awaitDecided(FLOWING, "transfers decided while Kafka node " + follower + " is stalled");
        } finally {
            broker.resume();
        }
        var stalledFor = Duration.ofNanos(System.nanoTime() - pausedAt);
        awaitEveryReplicaInSync();
        return "SIGSTOP of Kafka node %d (a follower of wallet.transfer-requests partition %d) for %d s, then SIGCONT"
                .formatted(follower, partition.partition(), stalledFor.toSeconds());
    }

    private String rollingRestart() {
        for (int node = 1; node <= FaultStack.KAFKA_NODES; node++) {
            var broker = stack.kafka().broker(node);
            broker.stopCleanly();
            broker.start();
            awaitEveryReplicaInSync();
        }
        return "stopped and started each of the " + FaultStack.KAFKA_NODES
                + " Kafka nodes in turn, each once every replica was in sync again";
    }

    /** SIGSTOP of a process (or all of PostgreSQL's) under the stream for {@link #PAUSED}, then SIGCONT. */
    private String paused(String what, Runnable pause, Runnable resume) {
        var pausedAt = System.nanoTime();
        pause.run();
        try {
            await(what + " paused for " + PAUSED)
                    .atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> System.nanoTime() - pausedAt > PAUSED.toNanos());
        } finally {
            resume.run();
        }
        return "SIGSTOP of %s for %d s under the stream, then SIGCONT"
                .formatted(what, Duration.ofNanos(System.nanoTime() - pausedAt).toSeconds());
    }

    private String killTheNotifier() {
        var moment = 1 + random.nextInt(60);
        awaitDecided(moment, "the kill moment");
        var pending = queryLong("select count(*) from pending_emails");
        return interruptingMail(() -> {
            stack.killAndRestartNotifier();
            return "killed the notifier %d decisions after the stream flowed, %d emails pending; restarted"
                    .formatted(moment, pending);
        });
    }

    private String pauseTheNotifier() {
        var notifier = stack.notifier();
        return interruptingMail(() -> paused("the notifier", notifier::pause, notifier::resume));
    }

    /** Notes when a fault that may make the notifier send an email again began and ended. */
    private String interruptingMail(Supplier<String> fault) {
        mailInterruptions.add(Instant.now());
        try {
            return fault.get();
        } finally {
            mailInterruptions.add(Instant.now());
        }
    }

    /**
     * What the mail server caught, for the checker. Email is at-least-once by design: when the notifier dies, or its
     * database commit fails, after the mail server took an email, the email is sent again. A copy whose arrival is
     * separated from the previous one by such an interruption is counted, not judged; any other copy is left in for
     * the checker to flag.
     */
    private List<SentEmail> emailsArrived() {
        var byEmail = new LinkedHashMap<SentEmail, List<Instant>>();
        stack.mail().arrivals().forEach(arrival -> byEmail.computeIfAbsent(arrival.email(), email -> new ArrayList<>())
                .add(arrival.at()));
        var judged = new ArrayList<SentEmail>(byEmail.size());
        var sentAgain = 0;
        for (var entry : byEmail.entrySet()) {
            var times = entry.getValue();
            judged.add(entry.getKey());
            for (int copy = 1; copy < times.size(); copy++) {
                if (disturbedBetween(times.get(copy - 1), times.get(copy))) {
                    sentAgain++;
                } else {
                    judged.add(entry.getKey());
                }
            }
        }
        emailsSentAgain = sentAgain;
        return judged;
    }

    private boolean disturbedBetween(Instant earlier, Instant later) {
        return mailInterruptions.stream().anyMatch(moment -> !moment.isBefore(earlier) && !moment.isAfter(later));
    }

    /** A node that was away has caught up before the next fault, so two faults never add up to a lost majority. */
    private void awaitEveryReplicaInSync() {
        await("every replica of the wallet's and Kafka's internal topics in sync")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(roles::everyReplicaInSync);
    }

    private String restartPostgres() {
        return interruptingMail(() -> {
            stack.postgres().restartImmediately();
            return "pg_ctl -m immediate restart under the stream";
        });
    }

    private String pauseAProcessor() {
        var startedB = ensureTwoProcessors();
        var victim = random.nextBoolean() ? PROCESSOR_A : PROCESSOR_B;
        var other = victim.equals(PROCESSOR_A) ? PROCESSOR_B : PROCESSOR_A;
        var process = stack.processor(victim);
        await("both processors holding partitions")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !group.partitionsOf(PROCESSOR_A).isEmpty()
                        && !group.partitionsOf(PROCESSOR_B).isEmpty());
        var logFrom = sizeOf(process.logFile());
        var held = group.partitionsOf(victim).size();
        var pausedAt = System.nanoTime();
        process.pause();
        await("the group giving " + victim + "'s partitions to " + other + " after " + FaultStack.MAX_POLL_INTERVAL)
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> System.nanoTime() - pausedAt > FaultStack.MAX_POLL_INTERVAL.toNanos()
                        && group.partitionsOf(victim).isEmpty()
                        && !group.partitionsOf(other).isEmpty());
        var pausedFor = Duration.ofNanos(System.nanoTime() - pausedAt);
        process.resume();
        awaitDecided(FLOWING, "both processors after SIGCONT");
        var fencing = linesSince(process.logFile(), logFrom, FENCING);
        if (startedB) {
            stack.stopProcessor(PROCESSOR_B);
        }
        return "SIGSTOP of %s (held %d partitions) for %d s, %s took them over, then SIGCONT; %s"
                .formatted(
                        victim,
                        held,
                        pausedFor.toSeconds(),
                        other,
                        fencing.isEmpty()
                                ? "its log shows no fencing (it was between batches)"
                                : "its log shows it was fenced: " + abbreviated(fencing.get(0)));
    }

    private String rebalanceTwoProcessors() {
        var startedB = ensureTwoProcessors();
        awaitDecided(FLOWING, "two processors sharing the partitions");
        var victim = random.nextBoolean() ? PROCESSOR_A : PROCESSOR_B;
        stack.killAndRestartProcessor(victim);
        awaitDecided(FLOWING, "two processors after " + victim + " came back");
        stack.stopProcessor(PROCESSOR_B);
        return (startedB ? PROCESSOR_B + " joined " + PROCESSOR_A : "two processors shared the work") + ", " + victim
                + " was killed and restarted, " + PROCESSOR_B + " left";
    }

    private String duplicateRequests() {
        var accepted = stream.acceptedIds();
        var sample = new HashSet<TransferId>();
        for (int i = 0; i < Math.min(40, accepted.size()); i++) {
            sample.add(accepted.get(random.nextInt(accepted.size())));
        }
        var records = requests.requestsFor(sample);
        var copies = 0;
        for (var record : records) {
            var times = 1 + random.nextInt(3);
            requests.duplicate(record, times);
            copies += times;
        }
        return "%d copies of %d request records, produced straight to the topic".formatted(copies, records.size());
    }

    private String poisonAPartition() {
        var requester = richestSender();
        var marker = requests.sendUnparseable(requester.account());
        var unknown = requests.sendUnknownTransfer(requester.account(), hot.account());
        var poisonedAt = Instant.now();
        var reasons = new ArrayList<String>();
        await("both poison records on the dead-letter topic")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    var unparseable = requests.deadLettersContaining(marker);
                    var unknownTransfer = requests.deadLettersContaining(unknown.toString());
                    if (unparseable.isEmpty() || unknownTransfer.isEmpty()) {
                        return false;
                    }
                    reasons.clear();
                    reasons.add(unparseable.get(0).reason());
                    reasons.add(unknownTransfer.get(0).reason());
                    return reasons.stream().allMatch(reason -> reason != null && !reason.isBlank());
                });
        await("a transfer of " + requester + " accepted after the poison, decided")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stream.accepted().stream()
                        .filter(transfer -> transfer.sender().equals(requester.account())
                                && transfer.answeredAt().isAfter(poisonedAt))
                        .anyMatch(transfer -> isDecided(transfer.id())));
        return "an unparseable record and a request for unknown transfer %s in %s's partition went to the DLT"
                        .formatted(unknown, requester)
                + " (reasons: \"%s\"; \"%s\"); the requester's later transfers were decided"
                        .formatted(abbreviated(reasons.get(0)), abbreviated(reasons.get(1)));
    }

    // ---- helpers

    /**
     * Logs the line and appends it to {@code campaign.log} beside the services' logs: surefire shows a test's output
     * only when the test ends, and a long run wants watching.
     */
    private void progress(String line) {
        log.info(line);
        try {
            Files.writeString(
                    stack.logDirectory().resolve("campaign.log"),
                    Instant.now() + " " + line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the campaign log", e);
        }
    }

    private boolean ensureTwoProcessors() {
        if (!stack.isRunning(PROCESSOR_A)) {
            stack.startProcessor(PROCESSOR_A);
        }
        if (stack.isRunning(PROCESSOR_B)) {
            return false;
        }
        stack.startProcessor(PROCESSOR_B);
        awaitDecided(FLOWING, "two processors sharing the partitions");
        return true;
    }

    private List<String> runningProcessors() {
        return List.of(PROCESSOR_A, PROCESSOR_B).stream()
                .filter(stack::isRunning)
                .toList();
    }

    private Person richestSender() {
        var senders =
                stream.people().stream().filter(person -> !person.equals(hot)).toList();
        var richest = senders.get(0);
        var most = Long.MIN_VALUE;
        for (var person : senders) {
            var balance = queryLong("select balance_minor from accounts where id = "
                    + person.account().value());
            if (balance > most) {
                most = balance;
                richest = person;
            }
        }
        return richest;
    }

    /** Waits until this many more transfers were decided by a processor than when it was called. */
    private void awaitDecided(int more, String what) {
        var now = new long[1];
        await("the database answering, for " + what)
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> (now[0] = decided()) != UNANSWERED);
        var target = now[0] + more;
        await(what + ": " + more + " more transfers decided")
                .atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> decided() >= target);
    }

    private long decided() {
        return queryLong("select count(*) from transfers where status <> 'PENDING' and applied_offset >= 0");
    }

    private boolean isDecided(TransferId id) {
        return queryLong("select count(*) from transfers where status <> 'PENDING' and id = '" + id + "'") > 0;
    }

    /** A number from the database; while PostgreSQL restarts there is none yet, which counts as zero progress. */
    private long queryLong(String sql) {
        try (var connection = stack.dataSource().getConnection();
                var statement = connection.createStatement();
                var row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            log.debug("query failed, the database may be restarting: {}", e.toString());
            return UNANSWERED;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> linesSince(Path file, long offset, Pattern pattern) {
        try (var channel = Files.newByteChannel(file)) {
            channel.position(offset);
            var bytes = new java.io.ByteArrayOutputStream();
            var buffer = java.nio.ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) > 0) {
                bytes.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return bytes.toString(StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> pattern.matcher(line).find())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviated(String text) {
        var line = text.strip();
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    @Override
    public void close() {
        stream.close();
        requests.close();
        group.close();
        roles.close();
    }
}
