package app.miniwallet.testsupport.net;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on one address and port with two daemon threads of its own: what the dev stack's small pages
 * (the mail web view, the fake payment provider) run on. It listens at once and serves once given its handler.
 */
public final class SmallHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private SmallHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @param name what it is, as its error and its threads say ("mail web view") */
    public static SmallHttpServer listen(String name, String bindAddress, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the " + name + " could not listen on port " + port, e);
        }
        var threadName = name.replace(' ', '-');
        var executor = Executors.newFixedThreadPool(2, runnable -> {
            var thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        return new SmallHttpServer(server, executor);
    }

    /** Serves {@code handler} under {@code path} from now on. */
    public void serve(String path, HttpHandler handler) {
        server.createContext(path, handler);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
