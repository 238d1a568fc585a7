package app.miniwallet.contracts.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyUnitTest {

    @ParameterizedTest
    @CsvSource({"12.34,1234", "12.3,1230", "12,1200", "0.01,1", "0,0", "-0.50,-50", " 7.00 ,700"})
    void parsesPlainDecimals(String text, long minor) {
        assertThat(Money.parse(text).minor()).isEqualTo(minor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.234", "0.001", "12.345"})
    void rejectsMoreThanTwoDecimals(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("must have at most 2 decimals");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1e3", "NaN", "Infinity", "1,00", "+1", "0x10", "1.", ".5", "--1"})
    void rejectsWhatIsNotAPlainDecimal(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("must be a number such as 12.34");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999", "10000000000000.00"})
    void rejectsHugeAmountsWithoutOverflow(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("is too large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000000000000000000000000001.00", "                              7.00"})
    void refusesTextLongerThan32Characters(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("must be at most 32 characters long");
    }

    @Test
    void refusesAMegabyteOfDigitsBeforeReadingThem() {
        assertThatThrownBy(() -> Money.parse("9".repeat(1 << 20)))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("must be at most 32 characters long");
    }

    @Test
    void readsTextOfExactly32Characters() {
        var text = "0".repeat(28) + "1.00";

        assertThat(text).hasSize(32);
        assertThat(Money.parse(text)).isEqualTo(Money.ofMinor(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.50", "12.5", "12.500"})
    void acceptsExactDecimalsWithTrailingZeros(String decimal) {
        assertThat(Money.fromDecimal(new BigDecimal(decimal))).isEqualTo(Money.ofMinor(1250));
    }

    @ParameterizedTest
    @CsvSource({"1234,12.34", "5,0.05", "-5,-0.05", "100000,1000.00", "0,0.00"})
    void formatsWithTwoDecimals(long minor, String text) {
        assertThat(Money.ofMinor(minor)).hasToString(text);
    }
}
