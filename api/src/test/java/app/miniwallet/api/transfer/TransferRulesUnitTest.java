package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.user.UserAccounts.PaymentParties;
import app.miniwallet.api.web.FieldViolation;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TransferRulesUnitTest {

    private static final AccountId SENDER = AccountId.of(1001);
    private static final AccountId RECEIVER = AccountId.of(1002);

    private final TransferRules rules = new TransferRules(new TransferSettings(
            new BigDecimal("0.015"), new BigDecimal("10000.00"), new BigDecimal("1.00"), new BigDecimal("5000.00")));

    @Test
    void aTransferTheSenderCanPayForWithItsFeeBreaksNoRule() {
        // 100.00 plus the fee of 1.50
        assertThat(rules.transferViolations(SENDER, RECEIVER, money("100.00"), withBalance("101.50")))
                .isEmpty();
        assertThat(rules.feeFor(money("674.88"))).isEqualTo(money("10.12"));
    }

    @Test
    void aTransferTheBalanceCannotCoverWithItsFeeNamesBoth() {
        assertThat(rules.transferViolations(SENDER, RECEIVER, money("100.00"), withBalance("101.49")))
                .containsExactly(
                        new FieldViolation("amount", "plus the fee of 1.50 is more than your balance of 101.49"));
    }

    @Test
    void theAmountMustBePositiveAndAtMostTheLargestTransfer() {
        assertThat(rules.transferViolations(SENDER, RECEIVER, money("0.00"), withBalance("1000000.00")))
                .containsExactly(new FieldViolation("amount", "must be greater than 0"));
        assertThat(rules.transferViolations(SENDER, RECEIVER, Money.ofMinor(-500), withBalance("1000000.00")))
                .containsExactly(new FieldViolation("amount", "must be greater than 0"));
        assertThat(rules.transferViolations(SENDER, RECEIVER, money("10000.01"), withBalance("1000000.00")))
                .containsExactly(new FieldViolation("amount", "must be at most 10000.00"));
        assertThat(rules.transferViolations(SENDER, RECEIVER, money("0.01"), withBalance("1.00")))
                .isEmpty();
    }

    @Test
    void theReceiverMustBeAnotherUser() {
        assertThat(rules.transferViolations(SENDER, SENDER, money("1.00"), withBalance("100.00")))
                .containsExactly(new FieldViolation("receiver_id", "must be someone other than you"));
        var noSuchUser = new PaymentParties(true, money("100.00"), false);
        assertThat(rules.transferViolations(SENDER, RECEIVER, money("1.00"), noSuchUser))
                .containsExactly(new FieldViolation("receiver_id", "does not name a Mini Wallet user"));
    }

    @Test
    void everyWrongFieldIsNamedAndTheBalanceIsJudgedOnlyOnceTheFieldsAreRight() {
        assertThat(rules.transferViolations(SENDER, SENDER, money("0.00"), withBalance("0.00")))
                .containsExactly(
                        new FieldViolation("amount", "must be greater than 0"),
                        new FieldViolation("receiver_id", "must be someone other than you"));
    }

    @Test
    void beforeAReceiverIsChosenTheAmountAloneIsJudged() {
        var noReceiverYet = new PaymentParties(true, money("50.00"), false);
        assertThat(rules.transferViolations(SENDER, null, money("10.00"), noReceiverYet))
                .isEmpty();
        assertThat(rules.transferViolations(SENDER, null, money("50.00"), noReceiverYet))
                .containsExactly(
                        new FieldViolation("amount", "plus the fee of 0.75 is more than your balance of 50.00"));
    }

    @Test
    void aTopUpIsBetweenTheSmallestAndTheLargestTopUp() {
        assertThat(rules.topUpViolations(money("1.00"))).isEmpty();
        assertThat(rules.topUpViolations(money("5000.00"))).isEmpty();
        assertThat(rules.topUpViolations(money("0.99")))
                .containsExactly(new FieldViolation("amount", "must be at least 1.00"));
        assertThat(rules.topUpViolations(money("5000.01")))
                .containsExactly(new FieldViolation("amount", "must be at most 5000.00"));
        assertThat(rules.topUpViolations(money("0.00")))
                .containsExactly(new FieldViolation("amount", "must be greater than 0"));
    }

    private static PaymentParties withBalance(String balance) {
        return new PaymentParties(true, money(balance), true);
    }

    private static Money money(String text) {
        return Money.parse(text);
    }
}
