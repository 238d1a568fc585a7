package app.miniwallet.notifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes SMTP through to the test mail server both ways and counts the connections: how many were opened, and the most
 * that were open at once. It also plays a mail server that misbehaves, as told:
 * <ul>
 *   <li>one that refuses some mailboxes: a {@code RCPT TO} for an address given to {@link #refuse(String)} is answered
 *       {@code 550} by the proxy and never reaches the server, so only the email to that address fails and the others
 *       of its batch go on over the same connection;
 *   <li>one whose connection breaks at {@code QUIT} ({@link #resetAtQuit()}): the emails were accepted, but the client
 *       sees the connection reset instead of the goodbye.
 * </ul>
 */
final class SmtpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpenAtOnce = new AtomicInteger();
    private final AtomicInteger quitsReset = new AtomicInteger();
    private volatile boolean resetAtQuit;

    SmtpProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("smtp-proxy", this::acceptUntilClosed);
    }

    int port() {
        return listener.getLocalPort();
    }

    void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /** From now on, a {@code QUIT} resets the connection instead of reaching the server. */
    void resetAtQuit() {
        resetAtQuit = true;
    }

    /** Connections reset at {@code QUIT}. */
    int quitsReset() {
        return quitsReset.get();
    }

    /** SMTP connections the client opened through the proxy. */
    int connectionsOpened() {
        return opened.get();
    }

    /** The most connections that were open at the same time. */
    int mostConnectionsAtOnce() {
        return mostOpenAtOnce.get();
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
                opened.incrementAndGet();
                mostOpenAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
                var closedOnce = new AtomicInteger();
                Runnable closeBoth = () -> {
                    if (closedOnce.getAndIncrement() == 0) {
                        open.decrementAndGet();
                    }
                    closeQuietly(client, server);
                };
                start("smtp-proxy-to-client", () -> copy(server, client, closeBoth));
                start("smtp-proxy-to-server", () -> copyRefusing(client, server, closeBoth));
            } catch (IOException serverDown) {
                closeQuietly(client);
            }
        }
    }

    private static void copy(Socket from, Socket to, Runnable closeBoth) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeBoth.run();
        }
    }

    private void copyRefusing(Socket client, Socket server, Runnable closeBoth) {
        var buffer = new byte[8192];
        try {
            var in = client.getInputStream();
            var out = server.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                // commands come one at a time, each waiting for its reply: a RCPT TO or a QUIT arrives alone, and
                // the server, waiting for it, writes nothing meanwhile
                var command = new String(buffer, 0, read, StandardCharsets.US_ASCII).strip();
                if (resetAtQuit && command.equalsIgnoreCase("QUIT")) {
                    quitsReset.incrementAndGet();
                    client.setSoLinger(true, 0);
                    return;
                }
                if (isRefusedRecipient(command)) {
                    var reply = client.getOutputStream();
                    reply.write("550 5.1.1 mailbox unavailable\r\n".getBytes(StandardCharsets.US_ASCII));
                    reply.flush();
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            closeBoth.run();
        }
    }

    private boolean isRefusedRecipient(String command) {
        var lower = command.toLowerCase(Locale.ROOT);
        return lower.startsWith("rcpt to:")
                && refused.stream().anyMatch(address -> lower.contains("<" + address + ">"));
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
