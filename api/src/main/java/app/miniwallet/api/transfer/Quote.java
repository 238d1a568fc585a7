package app.miniwallet.api.transfer;

import app.miniwallet.contracts.money.Money;

/** What a transfer would cost, or why it would be refused; nothing is written either way. */
public sealed interface Quote {

    record Quoted(Money amount, Money fee) implements Quote {

        public Money total() {
            return amount.plus(fee);
        }
    }

    record Refused(Refusal refusal) implements Quote {}
}
