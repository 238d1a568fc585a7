package app.miniwallet.devstack;

import app.miniwallet.testsupport.kafka.KafkaBroker;
import app.miniwallet.testsupport.kafka.KafkaCluster;
import app.miniwallet.testsupport.kafka.KafkaNode;
import app.miniwallet.testsupport.mail.MailCatcher;
import app.miniwallet.testsupport.payment.FakePaymentProvider;
import app.miniwallet.testsupport.postgres.PostgresServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the services need around them: PostgreSQL, Kafka and a mail catcher, and with {@code WALLET_TOP_UPS=provider}
 * a fake payment provider. Kafka is one KRaft node inside this JVM, or in cluster mode three nodes, each a process of
 * its own.
 */
final class Infrastructure implements AutoCloseable {

    private static final List<String> CLUSTER_NODE_JVM = List.of("-Xmx768m", "-XX:+UseSerialGC");

    private final PostgresServer postgres;
    private final AutoCloseable kafka;
    private final String kafkaBootstrapServers;
    private final MailCatcher mail;
    private final @Nullable FakePaymentProvider paymentProvider;

    private Infrastructure(
            PostgresServer postgres,
            AutoCloseable kafka,
            String kafkaBootstrapServers,
            MailCatcher mail,
            @Nullable FakePaymentProvider paymentProvider) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mail = mail;
        this.paymentProvider = paymentProvider;
    }

    /**
     * Starts PostgreSQL, then Kafka, then the mail catcher, then the fake payment provider if top-ups wait for a
     * payment; if one fails, the ones already running are stopped.
     *
     * @param paymentWebhookSecret the key the fake payment provider signs its webhooks with, in provider mode
     */
    static Infrastructure start(DevStackSettings settings, Progress progress, @Nullable String paymentWebhookSecret) {
        var postgres = progress.step(
                "PostgreSQL on port " + settings.postgresPort(),
                () -> PostgresServer.start(
                        settings.postgresDirectory(), settings.postgresPort(), settings.bindAddress()));
        try {
            AutoCloseable kafka = settings.cluster()
                    ? progress.step(
                            "a Kafka cluster of " + settings.kafkaPorts().size() + " nodes on ports "
                                    + settings.kafkaPorts(),
                            () -> KafkaCluster.start(
                                    settings.kafkaDirectory(),
                                    settings.kafkaPorts(),
                                    settings.kafkaControllerPorts(),
                                    settings.logDirectory(),
                                    CLUSTER_NODE_JVM))
                    : progress.step(
                            "Kafka on port " + settings.kafkaPort(),
                            () -> KafkaBroker.start(
                                    settings.kafkaDirectory(),
                                    KafkaNode.single(settings.kafkaPort(), settings.kafkaControllerPort())));
            try {
                var mail = progress.step(
                        "mail catcher (SMTP " + settings.smtpPort() + ", IMAP " + settings.imapPort() + ", web "
                                + settings.mailWebPort() + ")",
                        () -> MailCatcher.start(
                                settings.smtpPort(),
                                settings.imapPort(),
                                settings.mailWebPort(),
                                settings.bindAddress()));
                try {
                    var paymentProvider = settings.topUps() == DevStackSettings.TopUps.PROVIDER
                            ? progress.step(
                                    "fake payment provider on port " + settings.paymentProviderPort(),
                                    () -> FakePaymentProvider.start(
                                            settings.paymentProviderPort(),
                                            URI.create(
                                                    "http://localhost:" + settings.apiPort() + "/api/payments/webhook"),
                                            paymentWebhookSecret,
                                            URI.create("http://localhost:" + settings.apiPort() + "/")))
                            : null;
                    return new Infrastructure(postgres, kafka, settings.kafkaBootstrapServers(), mail, paymentProvider);
                } catch (RuntimeException e) {
                    mail.close();
                    throw e;
                }
            } catch (RuntimeException e) {
                closeQuietly(kafka);
                throw e;
            }
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    PostgresServer postgres() {
        return postgres;
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The Kafka nodes' processes, in cluster mode. */
    Optional<KafkaCluster> kafkaCluster() {
        return kafka instanceof KafkaCluster cluster ? Optional.of(cluster) : Optional.empty();
    }

    MailCatcher mail() {
        return mail;
    }

    /** The fake payment provider, when top-ups wait for a payment. */
    Optional<FakePaymentProvider> paymentProvider() {
        return Optional.ofNullable(paymentProvider);
    }

    /**
     * Stops the payment provider, the mail catcher, then Kafka, then PostgreSQL, each even if an earlier one failed to
     * stop.
     */
    @Override
    public void close() {
        var failures = new ArrayList<RuntimeException>();
        var components = new ArrayList<AutoCloseable>();
        paymentProvider().ifPresent(components::add);
        components.addAll(List.of(mail, kafka, postgres));
        for (var component : components) {
            try {
                component.close();
            } catch (Exception e) {
                failures.add(new IllegalStateException(
                        "could not stop " + component.getClass().getSimpleName(), e));
            }
        }
        if (!failures.isEmpty()) {
            var failure = failures.get(0);
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable kafka) {
        try {
            kafka.close();
        } catch (Exception e) {
            // the start already failed; that failure is the one to report
        }
    }
}
