package app.miniwallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.testsupport.net.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's checks before it starts anything. */
class DevStackIntegrationTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void refusesToStartWhenAPortIsTakenAndNamesTheVariableToChange() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            var environment = freePortsEverywhere();
            environment.put("KAFKA_PORT", Integer.toString(taken.getLocalPort()));

            var exitCode = DevStack.run(environment, print(out), print(err));

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo("devstack: port %d is already in use: set KAFKA_PORT to a free port%n"
                            .formatted(taken.getLocalPort()));
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(home).isEmptyDirectory();
        }
    }

    @Test
    void refusesAPortSettingThatIsNoNumber() {
        var environment = freePortsEverywhere();
        environment.put("MAIL_WEB_PORT", "web");

        var exitCode = DevStack.run(environment, print(out), print(err));

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("MAIL_WEB_PORT")
                .contains("'web'");
    }

    private Map<String, String> freePortsEverywhere() {
        var environment = new HashMap<String, String>();
        environment.put(DevStackSettings.HOME_VARIABLE, home.toString());
        for (var variable : new String[] {
            "API_PORT",
            "PROCESSOR_PORT",
            "NOTIFIER_PORT",
            "ANALYTICS_PORT",
            "KAFKA_PORT",
            "KAFKA_CONTROLLER_PORT",
            "POSTGRES_PORT",
            "SMTP_PORT",
            "IMAP_PORT",
            "MAIL_WEB_PORT"
        }) {
            int port;
            do {
                port = FreePort.find();
            } while (environment.containsValue(Integer.toString(port)));
            environment.put(variable, Integer.toString(port));
        }
        return environment;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
