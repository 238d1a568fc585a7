package app.miniwallet.contracts.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The sender pays {@code rate} of the amount on top, rounded half-up to the cent. */
public record FeeRule(BigDecimal rate) {

    public static final FeeRule STANDARD = new FeeRule(new BigDecimal("0.015"));

    public FeeRule {
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("fee rate must be in [0, 1), was " + rate);
        }
    }

    public Money feeFor(Money amount) {
        return Money.ofMinor(BigDecimal.valueOf(amount.minor())
                .multiply(rate)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    }
}
