package app.miniwallet.notifier.email;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferCompleted;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.contracts.transfer.TransferKind;
import app.miniwallet.contracts.transfer.TransferRejected;
import app.miniwallet.contracts.user.AccountEmailRequested;
import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.notifier.people.User;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What each person is told by email. A completed transfer: a receipt to the sender (amount, fee,
 * receiver, new balance) and one to the receiver (amount, sender, new balance); a top-up: a receipt to
 * the user topped up; a refused transfer: a note to the user who asked, with the reason in plain
 * words; and the account emails the API asks for, with their links. System accounts get no email.
 */
@Component
class EmailComposer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final MailTemplates templates;
    private final URI webBaseUrl;

    EmailComposer(MailTemplates templates, NotifierSettings settings) {
        this.templates = templates;
        this.webBaseUrl = settings.webBaseUrl();
    }

    /** The accounts whose names and addresses the emails of this event need. */
    static Set<AccountId> partiesOf(TransferEvent event) {
        return Set.of(event.senderId(), event.receiverId());
    }

    List<Email> about(TransferEvent event, Map<AccountId, User> users) {
        var emails = new ArrayList<Email>(2);
        var sender = users.get(event.senderId());
        var receiver = users.get(event.receiverId());
        var amount = Money.ofMinor(event.amountMinor());
        var fee = Money.ofMinor(event.feeMinor());
        if (event instanceof TransferCompleted completed) {
            if (completed.kind() == TransferKind.TOP_UP) {
                if (receiver != null) {
                    emails.add(render(
                            event,
                            receiver,
                            "top-up",
                            "Your wallet was topped up with " + amount,
                            Map.of("amount", amount, "balance", Money.ofMinor(completed.receiverBalanceAfterMinor()))));
                }
            } else {
                if (sender != null) {
                    emails.add(render(
                            event,
                            sender,
                            "transfer-sent",
                            "You sent " + amount + " to " + nameOf(receiver),
                            Map.of(
                                    "amount", amount,
                                    "fee", fee,
                                    "total", amount.plus(fee),
                                    "receiver", nameOf(receiver),
                                    "balance", Money.ofMinor(completed.senderBalanceAfterMinor()))));
                }
                if (receiver != null) {
                    emails.add(render(
                            event,
                            receiver,
                            "transfer-received",
                            "You received " + amount + " from " + nameOf(sender),
                            Map.of(
                                    "amount", amount,
                                    "sender", nameOf(sender),
                                    "balance", Money.ofMinor(completed.receiverBalanceAfterMinor()))));
                }
            }
        } else if (event instanceof TransferRejected rejected) {
            var topUp = rejected.kind() == TransferKind.TOP_UP;
            var requester = topUp ? receiver : sender;
            var what = topUp ? "top-up of " + amount : "transfer of " + amount + " to " + nameOf(receiver);
            if (requester != null) {
                emails.add(render(
                        event,
                        requester,
                        "transfer-rejected",
                        "Your " + what + " did not go through",
                        Map.of("what", what, "reason", inPlainWords(rejected))));
            }
        }
        return emails;
    }

    Email about(AccountEmail email) {
        var request = email.request();
        var model = Map.<String, Object>of("link", linkFor(email), "expiresAt", WHEN.format(request.expiresAt()));
        var subject =
                switch (request.purpose()) {
                    case VERIFY_EMAIL -> "Confirm your email address for Mini Wallet";
                    case RESET_PASSWORD -> "Reset your Mini Wallet password";
                };
        return render(
                request.eventId(),
                request.email(),
                request.name(),
                request.occurredAt(),
                viewOf(request),
                subject,
                model);
    }

    /** {@code {base}/#/verify-email/{token}} or {@code {base}/#/reset-password/{token}}. */
    String linkFor(AccountEmail email) {
        var base = webBaseUrl.toString().replaceAll("/+$", "");
        return base + "/#/" + viewOf(email.request()) + "/" + URLEncoder.encode(email.token(), StandardCharsets.UTF_8);
    }

    private static String viewOf(AccountEmailRequested request) {
        return switch (request.purpose()) {
            case VERIFY_EMAIL -> "verify-email";
            case RESET_PASSWORD -> "reset-password";
        };
    }

    private static String inPlainWords(TransferRejected rejected) {
        var amount = Money.ofMinor(rejected.amountMinor());
        var fee = Money.ofMinor(rejected.feeMinor());
        return switch (rejected.reason()) {
            case INSUFFICIENT_FUNDS ->
                "Your balance was " + Money.ofMinor(rejected.senderBalanceMinor())
                        + ", and this transfer needed " + amount.plus(fee) + " (" + amount + " plus a fee of " + fee
                        + "). Nothing was taken from your wallet. Top up or send a smaller amount, then try again.";
            case PAYMENT_DECLINED ->
                "The payment provider declined the payment of " + amount
                        + ", so nothing was added to your wallet. Try again, or with another means of payment.";
        };
    }

    private static String nameOf(User user) {
        return user == null ? "an unknown user" : user.name();
    }

    private Email render(TransferEvent event, User to, String template, String subject, Map<String, Object> values) {
        var model = new HashMap<String, Object>(values);
        model.put("transferId", event.transferId().toString());
        return render(event.eventId(), to.email(), to.name(), event.occurredAt(), template, subject, model);
    }

    private Email render(
            UUID eventId,
            String address,
            String name,
            Instant occurredAt,
            String template,
            String subject,
            Map<String, Object> values) {
        var model = new HashMap<String, Object>(values);
        model.put("name", name);
        model.put("occurredAt", WHEN.format(occurredAt));
        var rendered = templates.render(template, model);
        return new Email(eventId, address.toLowerCase(Locale.ROOT), name, subject, rendered.text(), rendered.html());
    }
}
