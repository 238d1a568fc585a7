package app.miniwallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevStackSettingsUnitTest {

    private static final Path DEFAULT_HOME = Path.of("/repo/.devstack");

    @Test
    void usesTheDocumentedPortsWhenNothingIsSet() {
        var settings = DevStackSettings.fromEnvironment(Map.of(), DEFAULT_HOME);

        assertThat(settings)
                .isEqualTo(new DevStackSettings(
                        DEFAULT_HOME,
                        false,
                        8080,
                        8081,
                        8083,
                        8082,
                        8084,
                        8085,
                        8086,
                        9092,
                        9093,
                        5432,
                        3025,
                        3143,
                        8025,
                        DevStackSettings.TopUps.INSTANT,
                        8090,
                        "127.0.0.1"));
    }

    @Test
    void takesEveryPortAndTheDataDirectoryFromTheEnvironment() {
        var settings = DevStackSettings.fromEnvironment(
                Map.ofEntries(
                        Map.entry("API_PORT", "18080"),
                        Map.entry("PROCESSOR_PORT", "18081"),
                        Map.entry("NOTIFIER_PORT", "18082"),
                        Map.entry("ANALYTICS_PORT", "18085"),
                        Map.entry("KAFKA_PORT", "19092"),
                        Map.entry("KAFKA_CONTROLLER_PORT", "19093"),
                        Map.entry("POSTGRES_PORT", "15432"),
                        Map.entry("SMTP_PORT", "13025"),
                        Map.entry("IMAP_PORT", "13143"),
                        Map.entry("MAIL_WEB_PORT", "18025"),
                        Map.entry("DEVSTACK_HOME", "/data/wallet"),
                        Map.entry("WALLET_BIND_ADDRESS", "0.0.0.0")),
                DEFAULT_HOME);

        assertThat(settings)
                .isEqualTo(new DevStackSettings(
                        Path.of("/data/wallet"),
                        false,
                        18080,
                        18081,
                        8083,
                        18082,
                        8084,
                        18085,
                        8086,
                        19092,
                        19093,
                        15432,
                        13025,
                        13143,
                        18025,
                        DevStackSettings.TopUps.INSTANT,
                        8090,
                        "0.0.0.0"));
    }

    @Test
    void refusesABindAddressThatIsNoIpAddress() {
        assertThatThrownBy(() -> DevStackSettings.fromEnvironment(
                        Map.of("WALLET_BIND_ADDRESS", "everywhere please"), DEFAULT_HOME))
                .hasMessageContaining("WALLET_BIND_ADDRESS must be an IP address");
    }

    @Test
    void givesTheClusterThreeKafkaNodesOnEverySecondPortAndADataDirectoryOfItsOwn() {
        var settings = DevStackSettings.fromEnvironment(Map.of(), DEFAULT_HOME, true);

        assertThat(settings.home()).isEqualTo(DEFAULT_HOME.resolve("cluster"));
        assertThat(settings.kafkaPorts()).containsExactly(9092, 9094, 9096);
        assertThat(settings.kafkaControllerPorts()).containsExactly(9093, 9095, 9097);
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("localhost:9092,localhost:9094,localhost:9096");
        assertThat(WalletService.all(settings))
                .extracting(WalletService::name, WalletService::port)
                .containsExactly(
                        tuple("api", 8080),
                        tuple("transfer-processor-1", 8081),
                        tuple("transfer-processor-2", 8083),
                        tuple("notifier-1", 8082),
                        tuple("notifier-2", 8084),
                        tuple("analytics-1", 8085),
                        tuple("analytics-2", 8086));
        assertThat(settings.portProblems(port -> port != 9096))
                .containsExactly("port 9096 is already in use: set KAFKA_PORT to a free port");
    }

    @Test
    void runsTheFakePaymentProviderOnItsOwnPortOnlyWhenTopUpsWaitForAPayment() {
        var instant = DevStackSettings.fromEnvironment(Map.of(), DEFAULT_HOME);
        var provider = DevStackSettings.fromEnvironment(
                Map.of("WALLET_TOP_UPS", "provider", "PAYMENT_PROVIDER_PORT", "18090"), DEFAULT_HOME);

        assertThat(instant.topUps()).isEqualTo(DevStackSettings.TopUps.INSTANT);
        assertThat(instant.ports())
                .extracting(DevStackSettings.PortSetting::variable)
                .doesNotContain("PAYMENT_PROVIDER_PORT");
        assertThat(provider.topUps()).isEqualTo(DevStackSettings.TopUps.PROVIDER);
        assertThat(provider.portProblems(port -> port != 18090))
                .containsExactly("port 18090 is already in use: set PAYMENT_PROVIDER_PORT to a free port");
        assertThat(provider.paymentWebhookSecretFile()).isEqualTo(DEFAULT_HOME.resolve("payment-webhook-secret"));
    }

    @Test
    void theFakePaymentProviderTakesNoPortOfTheCluster() {
        var settings = DevStackSettings.fromEnvironment(Map.of("WALLET_TOP_UPS", "provider"), DEFAULT_HOME, true);

        assertThat(settings.portProblems(port -> true)).isEmpty();
    }

    @Test
    void rejectsAnUnknownTopUpModeNamingTheVariable() {
        assertThatThrownBy(() -> DevStackSettings.fromEnvironment(Map.of("WALLET_TOP_UPS", "stripe"), DEFAULT_HOME))
                .isInstanceOf(DevStackSettings.InvalidSettingException.class)
                .hasMessage("WALLET_TOP_UPS must be instant or provider, but is 'stripe'");
    }

    @Test
    void rejectsAPortThatIsNoNumberNamingTheVariable() {
        assertThatThrownBy(() -> DevStackSettings.fromEnvironment(Map.of("SMTP_PORT", "twenty-five"), DEFAULT_HOME))
                .isInstanceOf(DevStackSettings.InvalidSettingException.class)
                .hasMessage("SMTP_PORT must be a TCP port number (1-65535), but is 'twenty-five'");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> DevStackSettings.fromEnvironment(Map.of("API_PORT", "70000"), DEFAULT_HOME))
                .hasMessageContaining("API_PORT");
    }

    @Test
    void namesTheVariableToChangeForATakenPort() {
        var settings = DevStackSettings.fromEnvironment(Map.of(), DEFAULT_HOME);

        var problems = settings.portProblems(port -> port != 5432);

        assertThat(problems).containsExactly("port 5432 is already in use: set POSTGRES_PORT to a free port");
    }

    @Test
    void findsNoProblemWhenEveryPortIsFree() {
        var settings = DevStackSettings.fromEnvironment(Map.of(), DEFAULT_HOME);

        assertThat(settings.portProblems(port -> true)).isEmpty();
    }

    @Test
    void refusesTwoSettingsOnTheSamePort() {
        var settings = DevStackSettings.fromEnvironment(Map.of("NOTIFIER_PORT", "8080"), DEFAULT_HOME);

        assertThat(settings.portProblems(port -> true))
                .containsExactly("API_PORT and NOTIFIER_PORT are both 8080: give each its own port");
    }

    @Test
    void keepsEverythingInsideTheDataDirectory() {
        var settings = DevStackSettings.fromEnvironment(Map.of(), DEFAULT_HOME);

        assertThat(settings.kafkaDirectory()).isEqualTo(DEFAULT_HOME.resolve("kafka"));
        assertThat(settings.postgresDirectory()).isEqualTo(DEFAULT_HOME.resolve("postgres"));
        assertThat(settings.logDirectory()).isEqualTo(DEFAULT_HOME.resolve("logs"));
        assertThat(settings.jwtSecretFile()).isEqualTo(DEFAULT_HOME.resolve("jwt-secret"));
        assertThat(settings.operatorPasswordFile()).isEqualTo(DEFAULT_HOME.resolve("operator-password"));
    }
}
