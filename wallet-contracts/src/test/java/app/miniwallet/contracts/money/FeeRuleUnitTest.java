package app.miniwallet.contracts.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeeRuleUnitTest {

    @ParameterizedTest(name = "fee of {0} is {1}")
    @CsvSource({
        "0.01,0.00", // 0.015 cents
        "0.33,0.00", // 0.495 cents
        "0.34,0.01", // 0.51 cents
        "0.67,0.01", // 1.005 cents
        "10.00,0.15",
        "674.88,10.12", // 1012.32 cents
        "1234.56,18.52", // 1851.84 cents
        "100.00,1.50",
        "1000000.00,15000.00"
    })
    void chargesOnePointFivePercentRoundedHalfUpToTheCent(String amount, String fee) {
        assertThat(FeeRule.STANDARD.feeFor(Money.parse(amount))).isEqualTo(Money.parse(fee));
    }

    @Test
    void roundsAnExactHalfCentUp() {
        var rule = new FeeRule(new BigDecimal("0.5"));
        assertThat(rule.feeFor(Money.ofMinor(1))).isEqualTo(Money.ofMinor(1));
        assertThat(rule.feeFor(Money.ofMinor(3))).isEqualTo(Money.ofMinor(2));
    }

    @Test
    void refusesARateOutsideZeroToOne() {
        assertThatThrownBy(() -> new FeeRule(new BigDecimal("-0.01"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeeRule(BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
