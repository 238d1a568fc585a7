package app.miniwallet.api.auth;

import app.miniwallet.api.ratelimit.Limit;
import app.miniwallet.api.ratelimit.RateLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Forgot-password requests, handled in the background so that neither the answer nor its timing tells whether the
 * address has an account. A few threads and a bounded queue: under a flood the queue fills and further requests are
 * dropped, counted ({@code wallet_auth_password_reset_dropped_total}) and logged, instead of piling up in memory.
 * The caller is answered 202 either way; someone whose request was dropped gets no email and asks again.
 *
 * <p>One address gets at most so many requests handled a window ({@code wallet.rate-limits.forgot-password-per-email},
 * counted across api instances whether or not it has an account); past that a request is ignored, still with a 202, so
 * a flood aimed at one mailbox sends it only that many emails and never fills the queue.
 */
@Component
public class PasswordResetRequests implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetRequests.class);
    /** A flood drops thousands; the log gets the first and then one line per this many. */
    private static final int LOG_EVERY = 100;

    private final AccountLifecycle lifecycle;
    private final RateLimits limits;
    private final ThreadPoolExecutor executor;
    private final Counter dropped;

    PasswordResetRequests(
            AccountLifecycle lifecycle, RateLimits limits, PasswordResetSettings settings, MeterRegistry meters) {
        this.lifecycle = lifecycle;
        this.limits = limits;
        this.dropped = Counter.builder("wallet.auth.password.reset.dropped")
                .description("Forgot-password requests dropped because their queue was full")
                .register(meters);
        this.executor = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()),
                daemonThreadsNamed("password-reset-"),
                dropAndLog(settings.queueCapacity()));
        Gauge.builder("wallet.auth.password.reset.queued", executor, pool -> pool.getQueue()
                        .size())
                .description("Forgot-password requests waiting for a thread")
                .register(meters);
    }

    /**
     * Looks the address up and sends a reset link if it has an account, later; returns at once. Does nothing past the
     * address's limit of reset emails.
     */
    public void submit(String email) {
        if (email == null || email.isBlank() || email.length() > PasswordRules.MAX_EMAIL_LENGTH) {
            return; // no account has such an address: nothing to look up, and nothing large is kept in the queue
        }
        if (limits.hit(Limit.FORGOT_PASSWORD_PER_EMAIL, RateLimits.emailKey(email))
                .isPresent()) {
            return;
        }
        executor.execute(() -> {
            try {
                lifecycle.requestPasswordReset(email);
            } catch (RuntimeException e) {
                // the caller was answered long ago; the log is the only place left to tell
                log.error("A forgot-password request failed; no reset link was sent", e);
            }
        });
    }

    private RejectedExecutionHandler dropAndLog(int queueCapacity) {
        return (task, pool) -> {
            dropped.increment();
            var total = (long) dropped.count();
            if (pool.isShutdown()) {
                log.warn("A forgot-password request arrived while shutting down and was dropped");
            } else if (total == 1 || total % LOG_EVERY == 0) {
                log.warn(
                        "Forgot-password requests are arriving faster than they are handled: {} waiting (the most the"
                                + " queue holds), so new ones are dropped ({} dropped since start); each was still"
                                + " answered 202",
                        queueCapacity,
                        total);
            }
        };
    }

    private static ThreadFactory daemonThreadsNamed(String prefix) {
        var threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    /** Lets the requests already queued finish for a few seconds, then stops. */
    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
