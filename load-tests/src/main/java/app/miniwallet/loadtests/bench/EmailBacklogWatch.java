package app.miniwallet.loadtests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email backlog while the HTTP scenarios run, as an operator sees it: the notifier's own metrics ({@code
 * wallet_emails_pending}, the emails taken on and not yet accepted by the mail server, and {@code
 * wallet_emails_sent_total}), read from its Prometheus endpoint with the operator's credential every {@link #EVERY}
 * and recorded into the run being measured.
 */
final class EmailBacklogWatch implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(EmailBacklogWatch.class);
    private static final String PENDING = "wallet_emails_pending";
    private static final String SENT = "wallet_emails_sent_total";

    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest scrape;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "email-backlog-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile LoadRun current;
    private int failures; // the poller's own

    EmailBacklogWatch(URI notifier, String operatorAuthorization) {
        scrape = HttpRequest.newBuilder(notifier.resolve("/actuator/prometheus"))
                .header("Authorization", operatorAuthorization)
                .timeout(Duration.ofSeconds(10))
                .build();
        poller.scheduleWithFixedDelay(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From now on samples go into {@code run}. */
    void measuring(LoadRun run) {
        current = run;
    }

    private void sample() {
        try {
            var body = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            var run = current;
            if (run != null) {
                run.emailsSampled(System.nanoTime(), (long) sum(body, PENDING), (long) sum(body, SENT));
            }
            failures = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (failures++ == 0) {
                log.warn("could not read the notifier's email metrics: {}", e.toString());
            }
        }
    }

    /** The sum of a metric's samples over its label sets, from the Prometheus text format. */
    static double sum(String exposition, String metric) {
        var total = 0.0;
        for (var line : exposition.split("\n")) {
            if (line.startsWith(metric)
                    && (line.charAt(metric.length()) == ' ' || line.charAt(metric.length()) == '{')) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
