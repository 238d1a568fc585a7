package app.miniwallet.systemtests.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.auth.AccessTokenSigner;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.mail.MailCatcher;
import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import app.miniwallet.testsupport.tracing.TestTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One transfer followed through the logs of the three services it passes, as an operator would: the api, the
 * transfer-processor and the notifier run as processes with structured JSON logs (Boot's ECS format, turned on by
 * configuration alone), a transfer goes in with a known W3C {@code traceparent}, and every service's log has JSON
 * lines with that trace id ({@code traceId}) and the transfer's id ({@code transfer_id}).
 */
class TransferTraceIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newHttpClient();
    private static MailCatcher mail;
    private static final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private static ServiceLauncher api;
    private static Path apiLog;
    private static Path processorLog;
    private static Path notifierLog;

    @BeforeAll
    static void startTheServicesWithJsonLogs() {
        var connections = WalletTestStack.shared().connections();
        var smtpPort = FreePort.find();
        mail = MailCatcher.start(smtpPort, FreePort.find(), FreePort.find());
        apiLog = freshLog("trace-tests-api.log");
        processorLog = freshLog("trace-tests-transfer-processor.log");
        notifierLog = freshLog("trace-tests-notifier.log");
        api = ServiceLauncher.of("api", connections)
                .with("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .with("WALLET_OUTBOX_POLL_INTERVAL", "250ms")
                .loggingTo(apiLog);
        var processor = ServiceLauncher.of("transfer-processor", connections)
                .with("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .with("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-trace-tests")
                .loggingTo(processorLog);
        var notifier = ServiceLauncher.of("notifier", connections)
                .with("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .mailingTo(MailCatcher.BIND_ADDRESS, smtpPort)
                .with("WALLET_NOTIFIER_EMAIL_POLL_INTERVAL", "250ms")
                .loggingTo(notifierLog);
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> services.add(api.startHealthy(START_TIMEOUT))),
                        CompletableFuture.runAsync(() -> services.add(processor.startHealthy(START_TIMEOUT))),
                        CompletableFuture.runAsync(() -> services.add(notifier.startHealthy(START_TIMEOUT))))
                .join();
    }

    @AfterAll
    static void stopThem() {
        services.forEach(ServiceProcess::stop);
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void oneTransfersTraceIdAndIdAreInTheJsonLogLinesOfEveryServiceItPasses() throws Exception {
        var rows = new WalletRows(WalletTestStack.shared().dataSource());
        var sender = rows.userWithBalance("Tracy Sender", 10_000);
        var receiver = rows.newUser("Trevor Receiver");
        var token = new AccessTokenSigner(WalletTestStack.JWT_SECRET, Duration.ofHours(1))
                .sign(sender.id().value(), Instant.now())
                .value();
        var trace = TestTrace.random();
        var traceId = trace.traceId();

        var accepted = http.send(
                HttpRequest.newBuilder(api.url().resolve("/api/transfers"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("traceparent", trace.traceparent())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"receiver_id\": " + receiver.id() + ", \"amount\": \"12.00\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        var transferId = JSON.readTree(accepted.body()).get("id").asString();

        await().atMost(SETTLES_WITHIN).until(() -> statusOf(transferId, token).equals("COMPLETED"));
        await().atMost(SETTLES_WITHIN).untilAsserted(() -> assertThat(linesAbout(notifierLog, transferId, traceId))
                .extracting(line -> line.at("/log/logger").asString())
                .contains(
                        "app.miniwallet.notifier.feed.kafka.FeedEventListener",
                        "app.miniwallet.notifier.email.kafka.EmailEventListener"));
        assertThat(linesAbout(apiLog, transferId, traceId))
                .extracting(line -> line.get("message").asString())
                .anyMatch(message -> message.startsWith("Transfer " + transferId + " accepted"));
        assertThat(linesAbout(processorLog, transferId, traceId))
                .extracting(line -> line.get("message").asString())
                .anyMatch(message -> message.startsWith("Transfer " + transferId + " decided: COMPLETED"));
    }

    /** The JSON lines of the log that carry both the trace id and the transfer id as fields of their own. */
    private static List<JsonNode> linesAbout(Path log, String transferId, String traceId) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("{"))
                    .map(JSON::readTree)
                    .filter(line ->
                            traceId.equals(text(line, "traceId")) && transferId.equals(text(line, "transfer_id")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode line, String field) {
        var value = line.get(field);
        return value == null ? null : value.asString();
    }

    private static String statusOf(String transferId, String token) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(api.url().resolve("/api/transfers/" + transferId))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("status").asString();
    }

    private static Path freshLog(String name) {
        var log = Path.of("target", name);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log;
    }
}
