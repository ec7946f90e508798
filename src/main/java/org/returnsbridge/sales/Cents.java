package org.returnsbridge.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;

/**
 * Reveni sends money with four decimals ("49.9500"), Sitoo takes two ("49.95"). The rule: each amount
 * is rounded half-up to cents on its own. A refund whose rounded lines then do not add up to its
 * rounded amount is not adjusted to fit: it becomes a REFUND_MISMATCH exception for a person to look at.
 */
public final class Cents {

    private Cents() {}

    public static BigDecimal round(BigDecimal amount) {
        // The parser already refuses such amounts; this is the last guard before setScale, which would
        // expand an exponent like 1E+100000000 digit by digit and pin a core for minutes.
        if (amount.scale() > 20 || amount.precision() - amount.scale() > 15) {
            throw new BridgeException(ExceptionCategory.INVALID_RETURN, "amount " + amount.toString()
                    + " is outside what the bridge records as money");
        }
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** Sitoo's money string, negated: a return moves money back to the customer. */
    static String negative(BigDecimal amount) {
        return round(amount).negate().toPlainString();
    }
}
