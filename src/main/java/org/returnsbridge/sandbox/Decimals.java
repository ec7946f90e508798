package org.returnsbridge.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The vendors' number formats in one place: Sitoo quantities have 3 decimals and money 2, Reveni money
 * has 4. Both send them as strings so no value ever passes through a double.
 */
final class Decimals {

    private Decimals() {
    }

    static String quantity(BigDecimal value) {
        return value.setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    static String sitooMoney(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String reveniMoney(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** Parses a decimal that the contract says must arrive as a JSON string, naming the field when it does not. */
    static BigDecimal parseDecimalString(com.fasterxml.jackson.databind.JsonNode value, String field) {
        if (value == null || value.isNull()) {
            throw ApiError.badRequest(field + " is required");
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest(field + " must be a decimal string such as \"1.000\", was " + value);
        }
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field + " is not a decimal: '" + value.asText() + "'");
        }
    }
}
