package app.miniwallet.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.feed.FeedClient;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.fixtures.WalletRows.WalletUser;
import app.miniwallet.testsupport.mail.MailCatcher;
import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What whoever runs the wallet sees: every service as its own process, as {@code ./run} starts them, each serving
 * its metrics at {@code /actuator/prometheus}; the metrics the dashboards and alerts are built on move the right way
 * when transfers flow; Debian's Prometheus, with the repository's own configuration, scrapes every service and loads
 * the alerts; and {@code promtool} accepts the alerts and passes their unit tests.
 */
class OperationsIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(60);
    private static final Path DEPLOY = ServiceProcess.repositoryRoot().resolve("deploy");
    private static final Path WORK = Path.of("target", "operations").toAbsolutePath();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final AccessTokenSigner tokens =
            new AccessTokenSigner(WalletTestStack.JWT_SECRET, Duration.ofMinutes(30));

    private static MailCatcher mail;
    private static ServiceLauncher api;
    private static ServiceLauncher processor;
    private static ServiceLauncher notifier;
    private static ServiceLauncher analytics;
    private static final List<ServiceProcess> running = new ArrayList<>();

    @BeforeAll
    static void startTheStack() throws IOException {
        Files.createDirectories(WORK);
        var smtpPort = FreePort.find();
        mail = MailCatcher.start(smtpPort, FreePort.find(), FreePort.find());
        var connections = WalletTestStack.shared().connections();
        api = ServiceLauncher.of("api", connections).loggingTo(WORK.resolve("api.log"));
        processor = ServiceLauncher.of("transfer-processor", connections)
                .with("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-operations")
                .loggingTo(WORK.resolve("transfer-processor.log"));
        notifier = ServiceLauncher.of("notifier", connections)
                .mailingTo(MailCatcher.BIND_ADDRESS, smtpPort)
                .with("WALLET_NOTIFIER_EMAIL_POLL_INTERVAL", "250ms")
                .loggingTo(WORK.resolve("notifier.log"));
        analytics = ServiceLauncher.of("analytics", connections)
                .with("WALLET_ANALYTICS_APPLICATION_ID", "analytics-operations-" + UUID.randomUUID())
                .with(
                        "SPRING_KAFKA_STREAMS_STATE_DIR",
                        WORK.resolve("analytics-state").toString())
                .loggingTo(WORK.resolve("analytics.log"));
        var starting = new ArrayList<CompletableFuture<ServiceProcess>>();
        for (var service : List.of(api, processor, notifier, analytics)) {
            starting.add(CompletableFuture.supplyAsync(() -> service.startHealthy(START_TIMEOUT)));
        }
        for (var service : starting) {
            running.add(service.join());
        }
    }

    @AfterAll
    static void stopTheStack() {
        running.stream()
                .map(process -> CompletableFuture.runAsync(process::stop))
                .toList()
                .forEach(CompletableFuture::join);
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void everyMetricMovesTheRightWayWhenTenTransfersOfTenFlow() throws Exception {
        var rows = new WalletRows(WalletTestStack.shared().dataSource());
        var sender = rows.userWithBalance("Metrics Sender", 1_000_00);
        var receiver = rows.newUser("Metrics Receiver");
        var apiBefore = PrometheusText.scrape(api.url());
        var processorBefore = PrometheusText.scrape(processor.url());
        var notifierBefore = PrometheusText.scrape(notifier.url());

        try (var feed = FeedClient.connect(notifier.port(), token(receiver)).subscribe()) {
            await().atMost(SETTLES_WITHIN).untilAsserted(() -> assertThat(
                            PrometheusText.scrape(notifier.url()).sum("wallet_feed_sessions"))
                    .isEqualTo(notifierBefore.sum("wallet_feed_sessions") + 1));

            for (int i = 0; i < 10; i++) {
                assertThat(send(sender, receiver, "10.00")).isEqualTo(202);
            }
            feed.awaitMessages(10);

            await().atMost(SETTLES_WITHIN).untilAsserted(() -> {
                var apiAfter = PrometheusText.scrape(api.url());
                assertThat(moved(apiBefore, apiAfter, "wallet_transfers_accepted_total", "kind", "TRANSFER"))
                        .isEqualTo(10);
                assertThat(moved(
                                apiBefore,
                                apiAfter,
                                "http_server_requests_seconds_count",
                                "uri",
                                "/api/transfers",
                                "status",
                                "202"))
                        .isEqualTo(10);
                // read in the background: present, and back to nothing waiting once the relay published
                assertThat(apiAfter.has("wallet_outbox_backlog")).isTrue();
                assertThat(apiAfter.sum("wallet_outbox_backlog")).isZero();
                assertThat(apiAfter.sum("wallet_outbox_oldest_seconds")).isZero();

                var processorAfter = PrometheusText.scrape(processor.url());
                assertThat(moved(
                                processorBefore,
                                processorAfter,
                                "wallet_transfers_decided_total",
                                "kind",
                                "TRANSFER",
                                "status",
                                "COMPLETED"))
                        .isEqualTo(10);
                assertThat(moved(
                                processorBefore,
                                processorAfter,
                                "wallet_transfers_decided_total",
                                "kind",
                                "TRANSFER",
                                "status",
                                "REJECTED"))
                        .isZero();
                assertThat(moved(processorBefore, processorAfter, "wallet_transfer_decision_seconds_count"))
                        .isEqualTo(10);
                assertThat(moved(processorBefore, processorAfter, "wallet_transfer_decision_seconds_sum"))
                        .isPositive();
                assertThat(moved(processorBefore, processorAfter, "wallet_batch_records_sum"))
                        .isEqualTo(10);
                assertThat(moved(processorBefore, processorAfter, "wallet_batch_records_count"))
                        .isBetween(1.0, 10.0);
                // every consumer's lag: the processor's, the notifier's two groups', analytics' stream threads'
                for (var service : List.of(processor, notifier, analytics)) {
                    assertThat(PrometheusText.scrape(service.url()).has("kafka_consumer_fetch_manager_records_lag_max"))
                            .as("consumer lag at %s", service.url())
                            .isTrue();
                }

                var notifierAfter = PrometheusText.scrape(notifier.url());
                assertThat(moved(notifierBefore, notifierAfter, "wallet_feed_messages_total"))
                        .isEqualTo(10);
                assertThat(moved(notifierBefore, notifierAfter, "wallet_feed_delivery_seconds_count"))
                        .isEqualTo(10);
            });
        }
        await().atMost(SETTLES_WITHIN).untilAsserted(() -> assertThat(
                        PrometheusText.scrape(notifier.url()).sum("wallet_feed_sessions"))
                .isEqualTo(notifierBefore.sum("wallet_feed_sessions")));
    }

    @Test
    void theDashboardAndTheAlertsUseOnlyMetricsTheServicesServe() throws IOException {
        var served = new TreeSet<String>();
        for (var service : List.of(api, processor, notifier, analytics)) {
            served.addAll(metricNames(PrometheusText.scrape(service.url()).toString()));
        }
        served.add("up");

        var used = new TreeSet<String>();
        used.addAll(metricNames(Files.readString(DEPLOY.resolve("prometheus/alerts.yml"))));
        used.addAll(metricNames(Files.readString(DEPLOY.resolve("grafana/mini-wallet.json"))));

        assertThat(used).as("metrics named by the alerts and the dashboard").isNotEmpty();
        assertThat(served).containsAll(used);
    }

    @Test
    void prometheusScrapesEveryServiceAndLoadsTheAlerts() throws Exception {
        var dir = Files.createDirectories(WORK.resolve("prometheus"));
        var config = Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"));
        // the file names the dev stack's default ports; this stack's services run on ports of their own
        for (var port : Map.of(8080, api, 8081, processor, 8082, notifier, 8085, analytics)
                .entrySet()) {
            var target = "localhost:" + port.getKey();
            assertThat(config).contains(target);
            config = config.replace(target, "localhost:" + port.getValue().port());
        }
        // it logs in as the operator with the dev stack's password file; this stack's password is the test stack's
        var passwordFile = "../../.devstack/operator-password";
        assertThat(config).contains("password_file: " + passwordFile);
        Files.writeString(dir.resolve("operator-password"), WalletTestStack.OPERATOR_PASSWORD);
        config = config.replace(passwordFile, dir.resolve("operator-password").toString());
        Files.writeString(dir.resolve("prometheus.yml"), config);
        Files.copy(
                DEPLOY.resolve("prometheus/alerts.yml"),
                dir.resolve("alerts.yml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        var port = FreePort.find();
        var prometheus = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data-" + UUID.randomUUID()),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        var base = URI.create("http://127.0.0.1:" + port);
        try {
            // Prometheus listens a moment after it starts; one that exits (a bad configuration) fails at once
            await().atMost(Duration.ofSeconds(90))
                    .ignoreExceptionsInstanceOf(ConnectException.class)
                    .failFast("Prometheus exited; see " + dir.resolve("prometheus.log"), () -> !prometheus.isAlive())
                    .untilAsserted(() -> {
                        var targets = get(base.resolve("/api/v1/targets"))
                                .path("data")
                                .path("activeTargets");
                        var jobs = new TreeSet<String>();
                        for (var target : targets) {
                            assertThat(target.path("health").asString())
                                    .as(
                                            "%s: %s",
                                            target.path("scrapeUrl").asString(),
                                            target.path("lastError").asString())
                                    .isEqualTo("up");
                            jobs.add(target.path("labels").path("job").asString());
                        }
                        assertThat(jobs).containsExactly("analytics", "api", "notifier", "transfer-processor");
                    });
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                var rules = new ArrayList<String>();
                for (var group : get(base.resolve("/api/v1/rules")).path("data").path("groups")) {
                    for (var rule : group.path("rules")) {
                        assertThat(rule.path("health").asString())
                                .as(
                                        "%s: %s",
                                        rule.path("name").asString(),
                                        rule.path("lastError").asString())
                                .isEqualTo("ok");
                        rules.add(rule.path("name").asString());
                    }
                }
                assertThat(rules).contains("WalletDecisionsStopped", "WalletOutboxStale", "WalletServiceDown");
            });
            var query = URLEncoder.encode("up{job=\"transfer-processor\"}", StandardCharsets.UTF_8);
            assertThat(get(base.resolve("/api/v1/query?query=" + query))
                            .path("data")
                            .path("result"))
                    .hasSize(1);
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheAlertsPassTheirTests() throws Exception {
        var prometheus = DEPLOY.resolve("prometheus");
        assertThat(promtool(prometheus, "check", "config", "prometheus.yml")).contains("SUCCESS");
        assertThat(promtool(prometheus, "check", "config", "prometheus-cluster.yml"))
                .contains("SUCCESS");
        assertThat(promtool(prometheus, "check", "rules", "alerts.yml")).contains("SUCCESS: 7 rules found");
        assertThat(promtool(prometheus, "test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    private static String promtool(Path directory, String... arguments) throws Exception {
        var command = new ArrayList<String>();
        command.add("promtool");
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as("promtool %s: %s", String.join(" ", arguments), output)
                .isZero();
        return output;
    }

    private static int send(WalletUser sender, WalletUser receiver, String amount) throws Exception {
        var request = HttpRequest.newBuilder(api.url().resolve("/api/transfers"))
                .header("Authorization", "Bearer " + token(sender))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"receiver_id\":\"" + receiver.id() + "\",\"amount\":\"" + amount + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String token(WalletUser user) {
        return tokens.sign(user.id().value(), Instant.now()).value();
    }

    private static JsonNode get(URI uri) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", uri, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static double moved(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** The wallet's, Kafka clients' and HTTP server's metric names in a text, without histogram suffixes. */
    private static TreeSet<String> metricNames(String text) {
        var names = new TreeSet<String>();
        var matcher = Pattern.compile("\\b((?:wallet|kafka_consumer|http_server)_[a-z0-9_]+)")
                .matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1).replaceAll("_(bucket|count|sum|max)$", ""));
        }
        return names;
    }
}
