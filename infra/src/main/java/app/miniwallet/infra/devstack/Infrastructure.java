package app.miniwallet.infra.devstack;

import java.util.ArrayList;
import java.util.List;

/** What the services need around them, all inside this JVM: PostgreSQL, a KRaft Kafka broker and a mail catcher. */
final class Infrastructure implements AutoCloseable {

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final MailCatcher mail;

    private Infrastructure(PostgresServer postgres, KafkaBroker kafka, MailCatcher mail) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.mail = mail;
    }

    /** Starts PostgreSQL, then Kafka, then the mail catcher; if one fails, the ones already running are stopped. */
    static Infrastructure start(DevStackSettings settings, Progress progress) {
        var postgres = progress.step(
                "PostgreSQL on port " + settings.postgresPort(),
                () -> PostgresServer.start(settings.postgresDirectory(), settings.postgresPort()));
        try {
            var kafka = progress.step(
                    "Kafka on port " + settings.kafkaPort(),
                    () -> KafkaBroker.start(
                            settings.kafkaDirectory(), settings.kafkaPort(), settings.kafkaControllerPort()));
            try {
                var mail = progress.step(
                        "mail catcher (SMTP " + settings.smtpPort() + ", IMAP " + settings.imapPort() + ", web "
                                + settings.mailWebPort() + ")",
                        () -> MailCatcher.start(settings.smtpPort(), settings.imapPort(), settings.mailWebPort()));
                return new Infrastructure(postgres, kafka, mail);
            } catch (RuntimeException e) {
                kafka.close();
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

    KafkaBroker kafka() {
        return kafka;
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
}
