package app.miniwallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.mail.MailWebView;
import app.miniwallet.testsupport.net.FreePort;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack's infrastructure, for real: a KRaft broker, PostgreSQL 18, GreenMail and, as with {@code
 * WALLET_TOP_UPS=provider}, the fake payment provider, on free ports.
 */
class InfrastructureIntegrationTest {

    @TempDir
    static Path home;

    private static final String WEBHOOK_SECRET = "the-devstack-tests-webhook-secret-0123456789";

    private static DevStackSettings settings;
    private static Infrastructure infrastructure;

    @BeforeAll
    static void startInfrastructure() {
        settings = settingsOnFreePorts(home);
        infrastructure = Infrastructure.start(settings, Progress.silent(), WEBHOOK_SECRET);
    }

    @AfterAll
    static void stopInfrastructure() {
        infrastructure.close();
    }

    @Test
    void producesAndConsumesARecord() {
        var topic = newTopic();

        try (var producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "alpha", "hello"));
        }

        assertThat(readAll(topic, "read_uncommitted", "hello")).containsExactly("hello");
    }

    @Test
    void showsReadCommittedConsumersOnlyCommittedTransactions() {
        var topic = newTopic();

        try (var producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "devstack-test-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "alpha", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "alpha", "committed"));
            producer.commitTransaction();
        }

        assertThat(readAll(topic, "read_committed", "committed")).containsExactly("committed");
    }

    @Test
    void letsTheWalletUserCreateWriteAndReadATable() throws Exception {
        var table = "round_trip_" + UUID.randomUUID().toString().replace("-", "");

        try (var connection = infrastructure.postgres().walletDataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create table " + table + " (amount_minor bigint not null)");
            statement.execute("insert into " + table + " values (1250)");
            try (var result = statement.executeQuery("select amount_minor, current_user, version() from " + table)) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(1250);
                assertThat(result.getString(2)).isEqualTo("wallet");
                assertThat(result.getString(3)).startsWith("PostgreSQL 18");
            }
        }
    }

    @Test
    void showsAnEmailSentOverSmtpInTheWebViewEscaped() throws Exception {
        var subject = "Receipt <b>" + UUID.randomUUID() + "</b>";

        sendMail("user.beta@demo.app", subject, "You sent 12.50 & paid a fee of 0.19");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mailWebPage())
                .contains(MailWebView.escape(subject))
                .contains("noreply@miniwallet.app")
                .contains("user.beta@demo.app")
                .contains("You sent 12.50 &amp; paid a fee of 0.19"));
    }

    @Test
    void listsTheNewestEmailFirst() throws Exception {
        var older = "older " + UUID.randomUUID();
        var newer = "newer " + UUID.randomUUID();

        sendMail("user.gamma@demo.app", older, "first");
        sendMail("user.gamma@demo.app", newer, "second");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var page = mailWebPage();
            assertThat(page).contains(older, newer);
            assertThat(page.indexOf(newer)).isLessThan(page.indexOf(older));
        });
    }

    @Test
    void servesTheFakePaymentProvidersCheckoutPageOnLocalhost() throws Exception {
        var checkout = infrastructure.paymentProvider().orElseThrow().checkoutUrl();

        var page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(checkout + "?top_up_id=" + UUID.randomUUID() + "&amount=12.50"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(checkout).isEqualTo(URI.create("http://127.0.0.1:" + settings.paymentProviderPort() + "/checkout"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Pay 12.50", "data-pay", "data-decline");
    }

    @Test
    void letsTheRecipientReadTheirMailOverImapWithAnyPassword() throws Exception {
        var recipient = "imap-" + UUID.randomUUID() + "@demo.app";
        var subject = "Verify your email " + UUID.randomUUID();

        sendMail(recipient, subject, "Open http://localhost:8080/verify?token=abc");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(imapSubjects(recipient, "any password"))
                .containsExactly(subject));
    }

    @Test
    void keepsTopicsRecordsRowsAndTheClusterAcrossARestart() throws Exception {
        var topic = newTopic();
        try (var producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "alpha", "before the restart"));
        }
        try (var connection = infrastructure.postgres().walletDataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create table if not exists restart_check (note text)");
            statement.execute("insert into restart_check values ('" + topic + "')");
        }
        var clusterId = clusterId();

        infrastructure.close();
        infrastructure = Infrastructure.start(settings, Progress.silent(), WEBHOOK_SECRET);

        assertThat(clusterId()).isEqualTo(clusterId);
        assertThat(readAll(topic, "read_committed", "before the restart")).containsExactly("before the restart");
        try (var connection = infrastructure.postgres().walletDataSource().getConnection();
                var statement = connection.createStatement();
                var result =
                        statement.executeQuery("select count(*) from restart_check where note = '" + topic + "'")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
    }

    private static DevStackSettings settingsOnFreePorts(Path home) {
        var ports = new LinkedHashSet<Integer>();
        while (ports.size() < 11) {
            ports.add(FreePort.find());
        }
        var free = new ArrayList<>(ports);
        return new DevStackSettings(
                home,
                false,
                free.get(0),
                free.get(1),
                free.get(1),
                free.get(2),
                free.get(2),
                free.get(3),
                free.get(3),
                free.get(4),
                free.get(5),
                free.get(6),
                free.get(7),
                free.get(8),
                free.get(9),
                DevStackSettings.TopUps.PROVIDER,
                free.get(10),
                DevStackSettings.DEFAULT_BIND_ADDRESS);
    }

    private static String newTopic() {
        var topic = "devstack-test-" + UUID.randomUUID();
        try (var admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
        return topic;
    }

    private static String clusterId() throws Exception {
        try (var admin = admin()) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        var configuration = new java.util.HashMap<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true));
        configuration.putAll(extra);
        return new KafkaProducer<>(configuration, new StringSerializer(), new StringSerializer());
    }

    /** Every value in the topic, read from the start until {@code last} shows up. */
    private static List<String> readAll(String topic, String isolationLevel, String last) {
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infrastructure.kafkaBootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolationLevel),
                new StringDeserializer(),
                new StringDeserializer())) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.contains(last);
            });
        }
        return values;
    }

    private static void sendMail(String to, String subject, String text) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("noreply@miniwallet.app"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text);
        Transport.send(message);
    }

    private static String mailWebPage() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(infrastructure.mail().webUrl()))
                .timeout(Duration.ofSeconds(5))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<String> imapSubjects(String user, String password) throws Exception {
        var store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("localhost", settings.imapPort(), user, password);
        try {
            var inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            var subjects = new ArrayList<String>();
            for (var message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }
}
