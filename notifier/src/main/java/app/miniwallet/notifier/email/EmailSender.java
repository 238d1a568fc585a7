package app.miniwallet.notifier.email;

import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.notifier.email.PendingEmails.Pending;
import app.miniwallet.notifier.postgres.WakeUpHandler;
import app.miniwallet.platform.background.BackgroundLoop;
import app.miniwallet.platform.background.Backoff;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the pending emails to SMTP, in every instance, apart from the Kafka consumers: a slow or
 * broken mail server holds up nothing but email.
 *
 * <p>{@code wallet.notifier.email.connections} sender threads run side by side, each with an SMTP connection of its
 * own. Each one, on its own, locks a batch of due emails ({@code for update skip locked}, so no two senders, in this
 * instance or another, ever hold the same email), sends it over one SMTP connection, and in the same transaction
 * deletes the sent ones and gives the failed ones their next attempt, after a pause that doubles with each failure of
 * that email. No email is ever given up. Should the instance die after SMTP accepted an email and before the commit,
 * the lock goes with the connection and the email is sent again: at least once, never lost. It keeps its Message-ID,
 * derived from the event and the recipient, so a mail client can tell the copy for what it is.
 *
 * <p>Senders that each claim their own batch, rather than one thread that claims for all and fans out, keep what one
 * sender had: a batch is one transaction and one connection, the crash window is one batch per sender, and a
 * connection that hangs holds up only its own batch while the others go on. What it costs is a database connection
 * per sender while its batch is with SMTP, which is why there must be fewer senders than the pool has connections.
 *
 * <p>{@code wallet.notifier.email.max-per-second} caps what one instance sends, whatever the number of senders: a
 * provider's sending quota, and on a machine shared with the money path, a bound on the CPU that email takes from
 * transfers. Email is what may wait; emails beyond the cap stay in {@code pending_emails}, which the backlog gauges
 * show.
 */
@Component
class EmailSender implements WakeUpHandler, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How often a sender waiting for its turn under {@code max-per-second} looks whether it should stop. */
    private static final long STOP_CHECK_NANOS = Duration.ofMillis(100).toNanos();

    private final PendingEmails pending;
    private final JavaMailSender smtp;
    private final TransactionTemplate transaction;
    private final NotifierSettings.Email settings;
    private final InternetAddress from;
    private final Backoff retries;
    private final SendPace pace;
    private final int batchSize;
    private final List<BackgroundLoop> senders;
    private final Counter sentEmails;
    private final Counter failedAttempts;

    EmailSender(
            PendingEmails pending,
            JavaMailSender smtp,
            PlatformTransactionManager transactions,
            DataSource database,
            NotifierSettings settings,
            MeterRegistry meters) {
        this.pending = pending;
        this.smtp = smtp;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings.email();
        this.from = parseAddress(settings.email().from());
        this.retries = new Backoff(this.settings.retryInitialInterval(), this.settings.retryMaxInterval());
        this.pace = new SendPace(this.settings.maxPerSecond());
        // under a cap, no batch bigger than a second's worth: a batch waits for its turn holding its locks
        this.batchSize = this.settings.maxPerSecond() == 0
                ? this.settings.batchSize()
                : Math.min(this.settings.batchSize(), this.settings.maxPerSecond());
        checkRoomInThePool(database, this.settings.connections());
        // a full batch may have more behind it; a failed round (the database, not SMTP: an email that fails waits for
        // its own next attempt) is tried again after the poll interval, or when woken
        this.senders = IntStream.rangeClosed(1, this.settings.connections())
                .mapToObj(number -> new BackgroundLoop(
                        "email-sender-" + number,
                        this.settings.pollInterval(),
                        STOP_TIMEOUT,
                        keepGoing -> sendDueBatch(keepGoing) >= batchSize))
                .toList();
        this.sentEmails = Counter.builder("wallet.emails.sent")
                .description("Emails the mail server accepted (a copy sent again after a crash counts again)")
                .register(meters);
        this.failedAttempts = Counter.builder("wallet.emails.failed")
                .description("Attempts to send an email that failed; the email waits for its next attempt")
                .register(meters);
    }

    @Override
    public String channel() {
        return PendingEmails.CHANNEL;
    }

    @Override
    public void wakeUp(String payload) {
        senders.forEach(BackgroundLoop::wakeUp);
    }

    @Override
    public void wakeUpForAnythingMissed() {
        senders.forEach(BackgroundLoop::wakeUp);
    }

    @Override
    public void start() {
        senders.forEach(BackgroundLoop::start);
    }

    /** Stops every sender at once, so the stop takes at most one stop timeout however many there are. */
    @Override
    public void stop() {
        var stopping = senders.stream()
                .map(sender -> {
                    var stopper = new Thread(sender::stop, "email-sender-stop");
                    stopper.start();
                    return stopper;
                })
                .toList();
        for (var stopper : stopping) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return senders.stream().anyMatch(BackgroundLoop::isRunning);
    }

    /**
     * Returns how many emails it tried, sent or not: none when it was asked to stop while waiting for its turn under
     * {@code max-per-second}, which leaves the batch due for whoever comes next.
     */
    int sendDueBatch(BooleanSupplier keepGoing) {
        Integer handled = transaction.execute(status -> {
            var due = pending.lockDue(batchSize);
            if (due.isEmpty() || !waitForTurn(pace.reserve(due.size()), keepGoing)) {
                return 0;
            }
            var failures = send(due);
            sentEmails.increment(due.size() - failures.size());
            failedAttempts.increment(failures.size());
            var sent = new ArrayList<Pending>(due.size());
            for (var email : due) {
                var failure = failures.get(email);
                if (failure == null) {
                    sent.add(email);
                } else {
                    var retryIn = retries.after(email.attempts() + 1);
                    log.warn(
                            "Email {} to {} (attempt {}) failed, next attempt in {}: {}",
                            email.subject(),
                            email.recipient(),
                            email.attempts() + 1,
                            retryIn,
                            failure.getMessage());
                    pending.failed(email, retryIn, failure.getMessage());
                }
            }
            pending.sent(sent);
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    /**
     * Waits out a batch's place under {@code max-per-second}, holding its locks meanwhile (at most every other sender's
     * batch long), so that no other sender takes it; false when the sender should stop instead.
     */
    private static boolean waitForTurn(Duration wait, BooleanSupplier keepGoing) {
        var until = System.nanoTime() + wait.toNanos();
        try {
            for (var left = wait.toNanos(); left > 0; left = until - System.nanoTime()) {
                if (!keepGoing.getAsBoolean()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, STOP_CHECK_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Sends over one connection; returns the emails that failed, with why. */
    private Map<Pending, Exception> send(List<Pending> emails) {
        var failures = new IdentityHashMap<Pending, Exception>();
        var messages = new ArrayList<MimeMessage>(emails.size());
        var emailOf = new IdentityHashMap<Object, Pending>();
        for (var email : emails) {
            try {
                var message = mimeMessage(email);
                messages.add(message);
                emailOf.put(message, email);
            } catch (MessagingException | UnsupportedEncodingException e) {
                failures.put(email, e);
            }
        }
        if (messages.isEmpty()) {
            return failures;
        }
        try {
            smtp.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Spring names each email that failed, and each one left unsent when a connection could not be made; it
            // names none only when closing the connection (QUIT) failed after the server had accepted every email.
            // Those were sent: trying them again would only send copies, on every attempt.
            if (e.getFailedMessages().isEmpty()) {
                log.warn(
                        "The mail server accepted all {} emails, then closing the connection failed: {}",
                        messages.size(),
                        e.getMostSpecificCause().toString());
            }
            e.getFailedMessages().forEach((message, failure) -> {
                var email = emailOf.get(message);
                if (email != null) {
                    failures.put(email, failure);
                }
            });
        } catch (MailException e) {
            messages.forEach(message -> failures.put(emailOf.get(message), e));
        }
        return failures;
    }

    private MimeMessage mimeMessage(Pending email) throws MessagingException, UnsupportedEncodingException {
        var message = smtp.createMimeMessage();
        var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(new InternetAddress(email.recipient(), email.recipientName(), StandardCharsets.UTF_8.name()));
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        // the same for a copy sent again after a crash; Spring keeps a Message-ID that was set
        message.setHeader("Message-ID", messageId(email));
        // which event the email is about, for whoever audits the mail against the events topic
        message.setHeader("X-Wallet-Event-Id", email.eventId().toString());
        return message;
    }

    private static String messageId(Pending email) {
        var id = UUID.nameUUIDFromBytes((email.eventId() + "/" + email.recipient()).getBytes(StandardCharsets.UTF_8));
        return "<" + id + "@notifier.mini-wallet>";
    }

    /**
     * Each sender holds a database connection while its batch is with SMTP; with as many senders as the pool has
     * connections, a mail server that hangs would leave none for the feed.
     */
    private static void checkRoomInThePool(DataSource database, int connections) {
        try {
            if (database.isWrapperFor(HikariDataSource.class)) {
                var poolSize = database.unwrap(HikariDataSource.class).getMaximumPoolSize();
                if (connections >= poolSize) {
                    throw new IllegalArgumentException("wallet.notifier.email.connections (" + connections
                            + ") must be below the database pool's size (spring.datasource.hikari.maximum-pool-size, "
                            + poolSize + "): each sender holds a database connection while SMTP has its batch");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database pool's size", e);
        }
    }

    private static InternetAddress parseAddress(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("wallet.notifier.email.from is not an email address: " + address, e);
        }
    }
}
