package app.miniwallet.api.transfer;

import app.miniwallet.api.user.UserAccounts.PaymentParties;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes a transfer or a top-up acceptable, judged on what the database said about the parties: no I/O,
 * so every rule is tested on its own. The balance check only spares the user a transfer that would surely be
 * rejected; the processor's locked check is the one that counts.
 */
final class TransferRules {

    private final TransferSettings settings;

    TransferRules(TransferSettings settings) {
        this.settings = settings;
    }

    Money feeFor(Money amount) {
        return settings.feeRule().feeFor(amount);
    }

    /** @param receiver null while the person has not chosen one yet: then the amount alone is judged */
    List<FieldViolation> transferViolations(
            AccountId sender, AccountId receiver, Money amount, PaymentParties parties) {
        var violations = new ArrayList<FieldViolation>();
        amountViolation(amount, Money.ofMinor(1), settings.maxTransfer(), violations);
        if (receiver != null && receiver.equals(sender)) {
            violations.add(new FieldViolation("receiver_id", "must be someone other than you"));
        } else if (receiver != null && !parties.receiverIsUser()) {
            violations.add(new FieldViolation("receiver_id", "does not name a Mini Wallet user"));
        }
        if (violations.isEmpty()) {
            var fee = feeFor(amount);
            var balance = parties.senderBalance();
            if (balance.isLessThan(amount.plus(fee))) {
                violations.add(new FieldViolation(
                        "amount", "plus the fee of %s is more than your balance of %s".formatted(fee, balance)));
            }
        }
        return violations;
    }

    List<FieldViolation> topUpViolations(Money amount) {
        var violations = new ArrayList<FieldViolation>();
        amountViolation(amount, settings.smallestTopUp(), settings.largestTopUp(), violations);
        return violations;
    }

    private static void amountViolation(Money amount, Money min, Money max, List<FieldViolation> violations) {
        if (!amount.isPositive()) {
            violations.add(new FieldViolation("amount", "must be greater than 0"));
        } else if (amount.isLessThan(min)) {
            violations.add(new FieldViolation("amount", "must be at least " + min));
        } else if (amount.isGreaterThan(max)) {
            violations.add(new FieldViolation("amount", "must be at most " + max));
        }
    }
}
