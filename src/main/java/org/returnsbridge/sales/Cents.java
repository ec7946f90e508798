package org.returnsbridge.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Reveni sends money with four decimals ("49.9500"), Sitoo takes two ("49.95"). The rule: each amount
 * is rounded half-up to cents on its own. A refund whose rounded lines then do not add up to its
 * rounded amount is not adjusted to fit: it becomes a REFUND_MISMATCH exception for a person to look at.
 */
public final class Cents {

    private Cents() {}

    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** Sitoo's money string, negated: a return moves money back to the customer. */
    static String negative(BigDecimal amount) {
        return round(amount).negate().toPlainString();
    }
}
