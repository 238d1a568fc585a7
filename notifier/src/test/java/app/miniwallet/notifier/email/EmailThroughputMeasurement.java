package app.miniwallet.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.notifier.NotifierApplication;
import app.miniwallet.notifier.people.User;
import app.miniwallet.testsupport.mail.CapturedMail;
import app.miniwallet.testsupport.mail.MailCatcher;
import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.postgres.PostgresServer;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many emails a second one notifier instance hands to the dev stack's mail catcher, for each number of SMTP
 * connections. Not part of the test suite (the name matches none of surefire's patterns); run it alone:
 *
 * <pre>
 * ./mvnw -o -q -pl notifier -am test -Dtest=EmailThroughputMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Demails=6000 -Dconnections=1,2,4,8 -Drounds=3
 * </pre>
 *
 * <p>Each run starts a notifier (as {@code ./run} does: {@link PostgresServer} with fsync on, {@link MailCatcher} as
 * the SMTP server, a fresh one per run), stops its senders, takes on {@code emails} rendered receipts, starts the
 * senders and times them until {@code pending_emails} is empty, then checks that the catcher holds every email once.
 * The settings take turns, in the opposite order each round, so a machine that slows down or speeds up during the
 * measurement weighs on every setting alike. The table at the end goes to the console and to
 * {@code notifier/target/email-throughput.md}; its CPU is this JVM's (the notifier, the catcher and the idle Kafka
 * broker; not PostgreSQL), and of it the notifier's sender threads'.
 */
class EmailThroughputMeasurement {

    private static final int USERS = 1_000;
    private static final int TAKE_ON_CHUNK = 1_000;

    private final int emails = Integer.getInteger("emails", 6_000);
    private final int rounds = Integer.getInteger("rounds", 3);
    private final List<Integer> settings = Arrays.stream(
                    System.getProperty("connections", "1,2,4,8").split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .toList();

    @Test
    void measuresTheEmailsASecondIntoTheMailCatcherForEachNumberOfConnections() throws IOException {
        var results = new ArrayList<Run>();
        var dataDirectory = Files.createTempDirectory("email-throughput-postgres");
        try (var postgres = PostgresServer.start(dataDirectory, FreePort.find())) {
            for (int round = 1; round <= rounds; round++) {
                var order = new ArrayList<>(settings);
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (var connections : order) {
                    var run = measure(postgres, round, connections);
                    System.out.println("EMAIL THROUGHPUT " + run.row());
                    results.add(run);
                }
            }
        }
        var report = report(results);
        System.out.println(report);
        Files.writeString(Path.of("target", "email-throughput.md"), report);
    }

    private Run measure(PostgresServer postgres, int round, int connections) {
        var smtpPort = FreePort.find();
        try (var catcher = MailCatcher.start(smtpPort, FreePort.find(), FreePort.find());
                var notifier = new SpringApplicationBuilder(NotifierApplication.class)
                        .run(arguments(postgres, smtpPort, connections))) {
            var jdbc = JdbcClient.create(postgres.walletDataSource());
            var sender = notifier.getBean(EmailSender.class);
            sender.stop();
            jdbc.sql("truncate pending_emails, delivered_notifications").update();
            takeOn(notifier.getBean(PendingEmails.class), notifier.getBean(EmailComposer.class));
            var load = loadAverage();

            var cpuBefore = processCpu();
            var started = System.nanoTime();
            var startedAt = Instant.now();
            sender.start();
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> jdbc.sql("select count(*) from pending_emails")
                                    .query(Long.class)
                                    .single()
                            == 0);
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            var cpu = processCpu().minus(cpuBefore);
            // threads of this start only (the senders were stopped, their threads ended); read while they run
            var senders = senderThreadsCpu();

            var caught = catcher.messages();
            var messageIds = new HashSet<String>();
            caught.forEach(mail -> messageIds.add(mail.messageId()));
            assertThat(messageIds).as("distinct Message-IDs in the catcher").hasSize(emails);
            var lastArrival = caught.stream()
                    .map(CapturedMail::receivedAt)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            return new Run(
                    round,
                    connections,
                    emails,
                    elapsed,
                    Duration.between(startedAt, lastArrival),
                    cpu,
                    senders,
                    load,
                    loadAverage());
        }
    }

    private static String[] arguments(PostgresServer postgres, int smtpPort, int connections) {
        var properties = new LinkedHashMap<>(WalletTestStack.shared().springProperties());
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", PostgresServer.USER);
        properties.put("spring.datasource.password", PostgresServer.PASSWORD);
        properties.put("spring.mail.port", Integer.toString(smtpPort));
        properties.put("server.port", "0");
        properties.put("wallet.notifier.email.connections", Integer.toString(connections));
        // the catcher's log line per email would cost more than the sending
        properties.put("logging.level.com.icegreen", "WARN");
        return properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    /** Receipts of completed transfers, two per transfer, among {@value #USERS} users, as the email consumer takes them on. */
    private void takeOn(PendingEmails pending, EmailComposer composer) {
        var batch = new ArrayList<Email>(TAKE_ON_CHUNK);
        for (int transfer = 0; transfer < emails / 2; transfer++) {
            var sender = user(transfer % USERS);
            var receiver = user((transfer + 1) % USERS);
            batch.addAll(composer.about(
                    completed(sender.id(), receiver.id()), Map.of(sender.id(), sender, receiver.id(), receiver)));
            if (batch.size() >= TAKE_ON_CHUNK) {
                pending.takeOn(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            pending.takeOn(batch);
        }
    }

    private static User user(int number) {
        var id = AccountId.of(10_000 + number);
        return new User(id, "Reader " + number, "reader-" + number + "@throughput.test");
    }

    private static TransferCompleted completed(AccountId sender, AccountId receiver) {
        var transferId = TransferId.next();
        var now = Instant.now();
        return new TransferCompleted(
                TransferEvent.eventIdFor(transferId),
                TransferEvent.SCHEMA_VERSION,
                now,
                transferId,
                TransferKind.TRANSFER,
                sender,
                receiver,
                1250,
                19,
                8731,
                11250,
                now);
    }

    /**
     * CPU time of this JVM: the notifier, the catcher and the embedded Kafka broker (idle here) together; PostgreSQL runs
     * in processes of its own and is not in it.
     */
    private static Duration processCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot
                ? Duration.ofNanos(hotspot.getProcessCpuTime())
                : Duration.ZERO;
    }

    /** CPU time of the notifier's sender threads so far (the sending and the bookkeeping, not the catcher). */
    private static Duration senderThreadsCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        var nanos = 0L;
        for (var thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("email-sender-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return Duration.ofNanos(nanos);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private record Run(
            int round,
            int connections,
            int emails,
            Duration untilNonePending,
            Duration untilLastArrival,
            Duration cpu,
            Duration sendersCpu,
            String loadBefore,
            String loadAfter) {

        double emailsPerSecond() {
            return emails * 1000.0 / untilLastArrival.toMillis();
        }

        String row() {
            return "| %d | %d | %,d | %.1f s | %,.0f/s | %.2f ms | %.2f ms | %s → %s |"
                    .formatted(
                            round,
                            connections,
                            emails,
                            untilNonePending.toMillis() / 1000.0,
                            emailsPerSecond(),
                            cpu.toNanos() / 1e6 / emails,
                            sendersCpu.toNanos() / 1e6 / emails,
                            loadBefore,
                            loadAfter);
        }
    }

    private static String report(List<Run> runs) {
        var report = new StringBuilder(
                "| round | connections | emails | until none pending | into the catcher | CPU per email"
                        + " | of it the senders' | load average (1 min) |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---|\n");
        runs.forEach(run -> report.append(run.row()).append('\n'));
        return report.toString();
    }
}
