package app.miniwallet.testsupport.process;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a wallet service, run by the tests as its own JVM: it serves {@code /health} on the port in its
 * first argument, answering 503 until {@code HEALTHY_AFTER_MS} have passed and 200 after. With {@code crash} as its
 * argument it fails at start-up; with {@code IGNORE_SIGTERM=true} its shutdown never finishes.
 */
final class TinyService {

    private TinyService() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        System.out.println("greeting from the environment: " + System.getenv("GREETING"));
        if (args[0].equals("crash")) {
            System.out.println("boom: the configuration is missing");
            System.exit(3);
        }
        var healthyAt = Instant.now().plus(Duration.ofMillis(Long.parseLong(envOr("HEALTHY_AFTER_MS", "0"))));
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/health", exchange -> {
            var healthy = Instant.now().isAfter(healthyAt);
            var body = (healthy ? "UP" : "STARTING").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        var neverEnds = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping gracefully");
            if (Boolean.parseBoolean(envOr("IGNORE_SIGTERM", "false"))) {
                awaitUninterruptibly(neverEnds);
            }
            server.stop(0);
        }));
        System.out.println("listening on " + args[0]);
        awaitUninterruptibly(neverEnds);
    }

    private static String envOr(String name, String fallback) {
        var value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
