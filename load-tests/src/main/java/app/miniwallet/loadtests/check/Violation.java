package app.miniwallet.loadtests.check;

/** One broken guarantee, found in the data: what kind of breach, and where, in words. */
public record Violation(Kind kind, String detail) {

    public Violation {
        if (kind == null || detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("a violation needs a kind and a detail");
        }
    }

    @Override
    public String toString() {
        return kind + ": " + detail;
    }

    /** What was broken, each tied to the guarantee of docs/architecture.md it breaks. */
    public enum Kind {
        MONEY_CREATED_OR_LOST(Guarantee.NO_MONEY_CREATED_OR_LOST, "the accounts do not sum to the expected total"),
        BALANCE_DIFFERS_FROM_LEDGER(
                Guarantee.NO_MONEY_CREATED_OR_LOST, "an account's balance is not the sum of its ledger entries"),
        UNBALANCED_TRANSFER(Guarantee.NO_MONEY_CREATED_OR_LOST, "a transfer's ledger entries do not sum to zero"),
        ORPHAN_LEDGER_ENTRY(
                Guarantee.NO_MONEY_CREATED_OR_LOST,
                "a ledger entry names a transfer or an account that does not exist"),
        NEGATIVE_USER_BALANCE(Guarantee.NO_NEGATIVE_USER_BALANCE, "a user's balance is below zero"),
        COMPLETED_WITHOUT_LEDGER(Guarantee.EXACTLY_ONCE_EFFECT, "a COMPLETED transfer has no ledger entries"),
        LEDGER_FOR_UNAPPLIED_TRANSFER(
                Guarantee.EXACTLY_ONCE_EFFECT, "a PENDING or REJECTED transfer has ledger entries"),
        PENDING_TRANSFER(Guarantee.EXACTLY_ONCE_EFFECT, "a transfer was never decided"),
        ACCEPTED_TRANSFER_MISSING(Guarantee.EXACTLY_ONCE_EFFECT, "an accepted transfer has no transfers row"),
        MISSING_EVENT(Guarantee.EXACTLY_ONE_EVENT, "a decided transfer has no result event"),
        DUPLICATE_EVENT(Guarantee.EXACTLY_ONE_EVENT, "a transfer has more than one result event"),
        EVENT_CONTRADICTS_STATUS(Guarantee.EXACTLY_ONE_EVENT, "a result event disagrees with the transfer's status"),
        EVENT_WITHOUT_TRANSFER(Guarantee.EXACTLY_ONE_EVENT, "a result event names a transfer that does not exist"),
        UNREADABLE_EVENT(Guarantee.EXACTLY_ONE_EVENT, "a record on the events topic breaks the event contract"),
        OUT_OF_ORDER(Guarantee.PER_SENDER_ORDER, "a sender's transfers were applied in another order than accepted"),
        DUPLICATE_EMAIL(Guarantee.EMAIL_SENT_ONCE, "one event's email reached one recipient more than once"),
        MISSING_EMAIL(Guarantee.EMAIL_SENT_ONCE, "an email a decided transfer calls for never reached its recipient"),
        NOTIFIER_TABLE_MISSING(Guarantee.EMAIL_SENT_ONCE, "the notifier's dedupe table does not exist");

        private final Guarantee guarantee;
        private final String meaning;

        Kind(Guarantee guarantee, String meaning) {
            this.guarantee = guarantee;
            this.meaning = meaning;
        }

        public Guarantee guarantee() {
            return guarantee;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** The guarantees of docs/architecture.md (numbered as there) that the data can prove or refute. */
    public enum Guarantee {
        NO_MONEY_CREATED_OR_LOST("1. no money is created or lost"),
        NO_NEGATIVE_USER_BALANCE("2. no user balance goes negative"),
        EXACTLY_ONCE_EFFECT("3. exactly-once effect"),
        EXACTLY_ONE_EVENT("4. exactly one result event per transfer"),
        PER_SENDER_ORDER("5. per-sender order"),
        EMAIL_SENT_ONCE("each email receipt reaches its recipient, once");

        private final String title;

        Guarantee(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }
}
