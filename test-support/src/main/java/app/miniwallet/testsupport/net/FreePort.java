package app.miniwallet.testsupport.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds TCP ports nobody listens on, so tests and the dev stack can pick or check their ports up front. */
public final class FreePort {

    private FreePort() {}

    /** A port the operating system considers free right now; another process may still take it before we do. */
    public static int find() {
        try (var socket = new ServerSocket()) {
            // TIME_WAIT leftovers of an earlier run must not make a port look taken
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("the operating system gave no free TCP port", e);
        }
    }

    /** Whether a server could listen on this port on every interface (which includes localhost). */
    public static boolean isFree(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
