package app.miniwallet.api.web;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.InvalidAmountException;
import app.miniwallet.contracts.money.Money;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads loosely typed JSON fields into values, so that a wrong type is answered 422 naming the field,
 * the same as a wrong value. Amounts may be strings ("12.50") or JSON numbers read exactly (the API
 * reads floats as BigDecimal), never through double.
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
                return Money.fromDecimal(node.decimalValue());
            }
        } catch (InvalidAmountException e) {
            violations.add(new FieldViolation(field, e.getMessage()));
            return null;
        }
        violations.add(new FieldViolation(field, "must be a number such as 12.34"));
        return null;
    }

    public static boolean isMissing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
