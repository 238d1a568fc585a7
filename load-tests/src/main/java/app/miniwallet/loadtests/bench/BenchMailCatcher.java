package app.miniwallet.loadtests.bench;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's mail server, a process of its own as the dev stack's mail catcher is one beside the services: the
 * same GreenMail SMTP server taking any mail, but it forgets what arrived every few seconds, since a run delivers
 * millions of emails and only their count matters here. Started by {@link BenchStack}; {@code SMTP_PORT} says where it
 * listens.
 */
public final class BenchMailCatcher {

    private static final Logger log = LoggerFactory.getLogger(BenchMailCatcher.class);
    private static final long PURGE_SECONDS = 5;

    private BenchMailCatcher() {}

    public static void main(String[] args) throws Exception {
        var port = Integer.parseInt(System.getenv("SMTP_PORT"));
        var greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        var received = new AtomicLong();
        var purger = Executors.newSingleThreadScheduledExecutor();
        purger.scheduleWithFixedDelay(
                () -> {
                    try {
                        var count = greenMail.getReceivedMessages().length;
                        greenMail.purgeEmailFromAllMailboxes();
                        log.info(
                                "{} emails received ({} in the last {} s)",
                                received.addAndGet(count),
                                count,
                                PURGE_SECONDS);
                    } catch (Exception e) {
                        log.warn("could not purge the received emails: {}", e.toString());
                    }
                },
                PURGE_SECONDS,
                PURGE_SECONDS,
                TimeUnit.SECONDS);
        log.info("mail catcher ready: SMTP on 127.0.0.1:{}", port);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            purger.shutdownNow();
            greenMail.stop();
            stopped.countDown();
        }));
        stopped.await();
    }
}
