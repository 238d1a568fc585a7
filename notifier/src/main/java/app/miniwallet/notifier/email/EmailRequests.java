package app.miniwallet.notifier.email;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferEvent;
import app.miniwallet.notifier.people.Users;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Takes on the emails that events ask for: renders them and records them as pending, once per event
 * and recipient. Sending is the {@link EmailSender}'s job, later and elsewhere.
 */
@Component
public class EmailRequests {

    private final Users users;
    private final EmailComposer composer;
    private final PendingEmails pending;

    EmailRequests(Users users, EmailComposer composer, PendingEmails pending) {
        this.users = users;
        this.composer = composer;
        this.pending = pending;
    }

    /** Returns how many of the emails were new. */
    public int takeOn(List<TransferEvent> transferEvents, List<AccountEmail> accountEmails) {
        var parties = new HashSet<AccountId>();
        transferEvents.forEach(event -> parties.addAll(EmailComposer.partiesOf(event)));
        var known = users.find(parties);
        var emails = new ArrayList<Email>();
        transferEvents.forEach(event -> emails.addAll(composer.about(event, known)));
        accountEmails.forEach(email -> emails.add(composer.about(email)));
        return pending.takeOn(emails);
    }
}
