package app.miniwallet.api.web;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.InvalidAmountException;
import app.miniwallet.contracts.money.Money;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads loosely typed JSON fields into values, so that a wrong type is answered 422 naming the field,
 * the same as a wrong value. Amounts may be strings ("12.50") or JSON numbers read exactly (the API
 * reads floats as BigDecimal), never through double. An amount longer than {@link Money#MAX_TEXT_LENGTH}
 * characters is refused before it is read; a JSON number, which Jackson has read already (to at most its
 * 1000-digit limit), is held to the same length, counted by the digits it carries.
 */
public final class RequestFields {

    private RequestFields() {}

    public static AccountId userId(JsonNode node, String field, List<FieldViolation> violations) {
        if (isMissing(node)) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
            return AccountId.of(node.longValue());
        }
        if (node.isString() && node.asString().matches("[1-9][0-9]{0,17}")) {
            return AccountId.of(Long.parseLong(node.asString()));
        }
        violations.add(new FieldViolation(field, "must be a user id (a positive whole number)"));
        return null;
    }

    public static Money amount(JsonNode node, String field, List<FieldViolation> violations) {
        if (isMissing(node)) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        try {
            if (node.isString()) {
                return Money.parse(node.asString());
            }
            if (node.isNumber()) {
                var decimal = node.decimalValue();
                if (carriedLength(decimal) > Money.MAX_TEXT_LENGTH) {
                    throw new InvalidAmountException("must be at most " + Money.MAX_TEXT_LENGTH + " characters long");
                }
                return Money.fromDecimal(decimal);
            }
        } catch (InvalidAmountException e) {
            violations.add(new FieldViolation(field, e.getMessage()));
            return null;
        }
        violations.add(new FieldViolation(field, "must be a number such as 12.34"));
        return null;
    }

    /**
     * The digits a number carries, with its point and sign: what its text is made of, less an exponent's
     * implied zeros ({@code 1e400} is short text, and too large, which {@link Money#fromDecimal} says).
     */
    private static long carriedLength(BigDecimal decimal) {
        return decimal.precision() + (decimal.scale() > 0 ? 1 : 0) + (decimal.signum() < 0 ? 1 : 0);
    }

    public static boolean isMissing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
