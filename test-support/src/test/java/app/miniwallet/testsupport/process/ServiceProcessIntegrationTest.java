package app.miniwallet.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.net.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessIntegrationTest {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    @TempDir
    Path logs;

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(ServiceProcess::kill);
    }

    @Test
    void waitsUntilTheServiceAnswersHealthyAndPassesItsEnvironment() throws Exception {
        var port = FreePort.find();
        var service = tinyService(port, Map.of("HEALTHY_AFTER_MS", "1500", "GREETING", "hello-from-the-test"));

        service.awaitHealthy(healthUrl(port), STARTUP);

        assertThat(get(healthUrl(port)).statusCode()).isEqualTo(200);
        assertThat(service.isAlive()).isTrue();
        assertThat(service.pid())
                .isPositive()
                .isNotEqualTo(ProcessHandle.current().pid());
        assertThat(Files.readString(service.logFile()))
                .contains("greeting from the environment: hello-from-the-test")
                .contains("listening on " + port);
    }

    @Test
    void failsEarlyWithTheEndOfTheLogWhenTheServiceDiesBeforeItIsHealthy() {
        var service = start("crashing", List.of("crash"), Map.of());

        assertThatThrownBy(() -> service.awaitHealthy(healthUrl(FreePort.find()), STARTUP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("crashing exited with code 3")
                .hasMessageContaining("boom: the configuration is missing");
    }

    @Test
    void givesUpAfterTheTimeoutWhenTheServiceNeverBecomesHealthy() {
        var port = FreePort.find();
        var service = tinyService(port, Map.of("HEALTHY_AFTER_MS", "600000"));

        assertThatThrownBy(() -> service.awaitHealthy(healthUrl(port), Duration.ofSeconds(3)))
                .hasMessageContaining("was not healthy")
                .hasMessageContaining("HTTP 503");
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void killEndsTheProcessAtOnceWithoutItsShutdownHooks() throws IOException {
        var port = FreePort.find();
        var service = tinyService(port, Map.of());
        service.awaitHealthy(healthUrl(port), STARTUP);

        service.kill();

        assertThat(service.isAlive()).isFalse();
        assertThat(service.exitValue()).isEqualTo(128 + 9);
        assertThat(Files.readString(service.logFile())).doesNotContain("stopping gracefully");
        assertThat(FreePort.isFree(port)).isTrue();
    }

    @Test
    void stopLetsTheProcessShutDownGracefully() throws IOException {
        var port = FreePort.find();
        var service = tinyService(port, Map.of());
        service.awaitHealthy(healthUrl(port), STARTUP);

        service.close();

        assertThat(service.isAlive()).isFalse();
        assertThat(service.exitValue()).isEqualTo(128 + 15);
        assertThat(Files.readString(service.logFile())).contains("stopping gracefully");
    }

    @Test
    void stopFallsBackToKillWhenTheShutdownHangs() {
        var port = FreePort.find();
        var service = tinyService(port, Map.of("IGNORE_SIGTERM", "true"));
        service.awaitHealthy(healthUrl(port), STARTUP);

        service.stop(Duration.ofMillis(500));

        assertThat(service.isAlive()).isFalse();
        assertThat(service.exitValue()).isEqualTo(128 + 9);
    }

    @Test
    void aPausedProcessAnswersNothingUntilItIsResumed() {
        var port = FreePort.find();
        var service = tinyService(port, Map.of());
        service.awaitHealthy(healthUrl(port), STARTUP);

        service.pause();

        assertThatThrownBy(() -> get(healthUrl(port))).isInstanceOf(HttpTimeoutException.class);
        assertThat(service.isAlive()).isTrue();

        service.resume();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(get(healthUrl(port)).statusCode()).isEqualTo(200));
    }

    @Test
    void stoppingAPausedProcessStillEndsIt() {
        var port = FreePort.find();
        var service = tinyService(port, Map.of());
        service.awaitHealthy(healthUrl(port), STARTUP);
        service.pause();

        service.stop();

        assertThat(service.isAlive()).isFalse();
    }

    @Test
    void runsTheServiceInASessionOfItsOwnSoATerminalCtrlCDoesNotReachIt() throws IOException {
        var port = FreePort.find();
        var service = tinyService(port, Map.of());
        service.awaitHealthy(healthUrl(port), STARTUP);

        var stat = Files.readString(Path.of("/proc", Long.toString(service.pid()), "stat"));
        var fieldsAfterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        var sessionId = Long.parseLong(fieldsAfterName[3]);

        assertThat(sessionId).isEqualTo(service.pid());
    }

    @Test
    void reportsTheExitOfAProcessThatDiesOnItsOwn() throws Exception {
        var service = start("crashing", List.of("crash"), Map.of());

        var exited = service.onExit().get(30, TimeUnit.SECONDS);

        assertThat(exited).isSameAs(service);
        assertThat(exited.exitValue()).isEqualTo(3);
    }

    @Test
    void refusesAJarThatDoesNotExist() {
        assertThatThrownBy(() -> ServiceProcess.start(
                        "ghost", logs.resolve("ghost-exec.jar"), Map.of(), logs.resolve("ghost.log")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ghost-exec.jar");
    }

    @Test
    void namesTheBuildCommandWhenAModuleHasNoExecutableJar() {
        assertThatThrownBy(() -> ServiceProcess.executableJar("no-such-module"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-module")
                .hasMessageContaining("./mvnw -B -DskipTests install");
    }

    @Test
    void findsTheRepositoryRootByItsMavenWrapper() {
        assertThat(ServiceProcess.repositoryRoot().resolve("mvnw")).isRegularFile();
    }

    private ServiceProcess tinyService(int port, Map<String, String> environment) {
        return start("tiny-service", List.of(Integer.toString(port)), environment);
    }

    private ServiceProcess start(String name, List<String> arguments, Map<String, String> environment) {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                testClasses(),
                TinyService.class.getName()));
        command.addAll(arguments);
        var service = ServiceProcess.start(name, command, environment, logs.resolve(name + ".log"));
        started.add(service);
        return service;
    }

    private static String testClasses() {
        try {
            return Path.of(TinyService.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI healthUrl(int port) {
        return URI.create("http://127.0.0.1:" + port + "/health");
    }

    private static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
