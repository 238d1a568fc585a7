package app.miniwallet.contracts.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount of money in integer minor units (cents). The only place where decimal text is parsed
 * and formatted.
 */
public record Money(long minor) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /**
     * The longest amount text read: far more than any valid amount needs (13 integer digits, 2 decimals, a sign),
     * and short enough that nothing longer reaches the pattern or BigDecimal.
     */
    public static final int MAX_TEXT_LENGTH = 32;

    /** Nine quadrillion cents overflow a long; amounts stay far below, so sums cannot overflow. */
    private static final int MAX_INTEGER_DIGITS = 13;

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    public static Money ofMinor(long minor) {
        return new Money(minor);
    }

    /**
     * Parses decimal text such as {@code "12.34"}, {@code "12.3"} or {@code "12"}.
     *
     * @throws InvalidAmountException naming the reason, for text longer than {@link #MAX_TEXT_LENGTH}, or that is
     *     not a plain decimal with at most two decimals, or that is too large
     */
    public static Money parse(String text) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidAmountException("must be at most " + MAX_TEXT_LENGTH + " characters long");
        }
        if (text == null || text.isBlank()) {
            throw new InvalidAmountException("must not be empty");
        }
        var trimmed = text.strip();
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new InvalidAmountException("must be a number such as 12.34");
        }
        return fromDecimal(new BigDecimal(trimmed));
    }

    /** Converts an exact decimal (for example a JSON number read as BigDecimal). */
    public static Money fromDecimal(BigDecimal value) {
        var stripped = value.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new InvalidAmountException("must have at most 2 decimals");
        }
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidAmountException("is too large");
        }
        return new Money(value.movePointRight(2).longValueExact());
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, other.minor));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minor, other.minor));
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isLessThan(Money other) {
        return minor < other.minor;
    }

    public boolean isGreaterThan(Money other) {
        return minor > other.minor;
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, 2);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(minor, other.minor);
    }

    /** Two decimals, no grouping: {@code "1234.50"}, {@code "-0.05"}. */
    @Override
    public String toString() {
        return toDecimal().toPlainString();
    }
}
