package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publish;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.completedTransfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.notifier.TestUsers.TestUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mail server accepts every email, then the connection breaks as the notifier says QUIT: each email still goes out
 * once. Spring reports the failed close as a {@code MailSendException} that names no failed message; before the fix
 * the notifier read that as "all failed" and sent the whole batch again on every attempt. This test then failed: after
 * 30 seconds both emails were still pending (26 attempts made) and GreenMail held 26 copies of each.
 *
 * <p>The shared notifier is pointed at the proxy for this test alone, rather than a notifier of the test's own being
 * started: the shared one would take the same pending emails and send them past the proxy.
 */
class SmtpQuitFailureIntegrationTest extends NotifierIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Received once, and no longer pending. */
    private static final Delivery SENT_ONCE = new Delivery(1, -1);

    @Autowired
    private JavaMailSenderImpl smtp;

    private QuitResettingProxy proxy;

    @BeforeEach
    void sendThroughAProxyThatBreaksTheConnectionAtQuit() throws IOException {
        proxy = new QuitResettingProxy(TestMail.smtpPort());
        smtp.setPort(proxy.port());
    }

    @AfterEach
    void sendStraightToTheMailServerAgain() throws IOException {
        smtp.setPort(TestMail.smtpPort());
        proxy.close();
    }

    @Test
    void anEmailTheServerAcceptedIsSentOnceEvenWhenQuitFails() {
        var alice = newUser("Alice Quitter");
        var bob = newUser("Bob Quitter");

        publish(completedTransfer(alice, bob, "5.00", "94.93", "105.00"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(deliveriesTo(alice, bob)).containsExactly(SENT_ONCE, SENT_ONCE));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(deliveriesTo(alice, bob)).containsExactly(SENT_ONCE, SENT_ONCE));
        assertThat(proxy.quitsReset()).as("connections broken at QUIT").isPositive();
    }

    private static List<Delivery> deliveriesTo(TestUser... users) {
        return Stream.of(users).map(Delivery::to).toList();
    }

    /** Copies GreenMail received for an address, and the attempts of its email still pending (-1: none). */
    private record Delivery(int copies, int pendingAttempts) {

        static Delivery to(TestUser user) {
            return new Delivery(TestMail.to(user.email()).size(), EmailRows.pendingAttemptsFor(user.email()));
        }
    }

    /**
     * Passes SMTP through to the test mail server both ways, but answers a client's QUIT by resetting its connection,
     * so that the client's read of the reply fails with "Connection reset". A connection simply closed would not do:
     * JavaMail takes an end of stream after QUIT for a goodbye.
     */
    private static final class QuitResettingProxy implements AutoCloseable {

        private final ServerSocket listener;
        private final int serverPort;
        private final AtomicInteger quitsReset = new AtomicInteger();

        QuitResettingProxy(int serverPort) throws IOException {
            this.serverPort = serverPort;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            start("smtp-proxy", this::acceptUntilClosed);
        }

        int port() {
            return listener.getLocalPort();
        }

        int quitsReset() {
            return quitsReset.get();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }

        private void acceptUntilClosed() {
            while (!listener.isClosed()) {
                Socket client;
                try {
                    client = listener.accept();
                } catch (IOException closed) {
                    return;
                }
                try {
                    var server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                    start("smtp-proxy-to-client", () -> copy(server, client));
                    start("smtp-proxy-to-server", () -> copyUntilQuit(client, server));
                } catch (IOException refused) {
                    closeQuietly(client);
                }
            }
        }

        private void copy(Socket from, Socket to) {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeQuietly(from, to);
            }
        }

        private void copyUntilQuit(Socket client, Socket server) {
            var buffer = new byte[8192];
            try {
                var in = client.getInputStream();
                var out = server.getOutputStream();
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    // commands come one at a time, each waiting for its reply: a QUIT arrives alone
                    if (new String(buffer, 0, read, StandardCharsets.US_ASCII)
                            .strip()
                            .equalsIgnoreCase("QUIT")) {
                        quitsReset.incrementAndGet();
                        client.setSoLinger(true, 0);
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeQuietly(client, server);
            }
        }

        private static void closeQuietly(Socket... sockets) {
            for (var socket : sockets) {
                try {
                    socket.close();
                } catch (IOException alreadyGone) {
                    // nothing left to close
                }
            }
        }

        private static void start(String name, Runnable work) {
            var thread = new Thread(work, name);
            thread.setDaemon(true);
            thread.start();
        }
    }
}
