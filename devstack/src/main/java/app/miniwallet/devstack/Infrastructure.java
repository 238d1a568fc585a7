package app.miniwallet.devstack;

import app.miniwallet.testsupport.kafka.KafkaBroker;
import app.miniwallet.testsupport.kafka.KafkaCluster;
import app.miniwallet.testsupport.kafka.KafkaNode;
import app.miniwallet.testsupport.mail.MailCatcher;
import app.miniwallet.testsupport.postgres.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the services need around them: PostgreSQL, Kafka and a mail catcher. Kafka is one KRaft node inside this JVM,
 * or in cluster mode three nodes, each a process of its own.
 */
final class Infrastructure implements AutoCloseable {

    private static final List<String> CLUSTER_NODE_JVM = List.of("-Xmx768m", "-XX:+UseSerialGC");

    private final PostgresServer postgres;
    private final AutoCloseable kafka;
    private final String kafkaBootstrapServers;
    private final MailCatcher mail;

    private Infrastructure(
            PostgresServer postgres, AutoCloseable kafka, String kafkaBootstrapServers, MailCatcher mail) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mail = mail;
    }

    /** Starts PostgreSQL, then Kafka, then the mail catcher; if one fails, the ones already running are stopped. */
    static Infrastructure start(DevStackSettings settings, Progress progress) {
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
                return new Infrastructure(postgres, kafka, settings.kafkaBootstrapServers(), mail);
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

    /** Stops the mail catcher, then Kafka, then PostgreSQL, each even if an earlier one failed to stop. */
    @Override
    public void close() {
        var failures = new ArrayList<RuntimeException>();
        for (var component : List.<AutoCloseable>of(mail, kafka, postgres)) {
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
