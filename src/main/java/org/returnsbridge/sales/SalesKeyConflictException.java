package org.returnsbridge.sales;

import org.returnsbridge.reveni.InvalidReturnException;

/**
 * A return's refund (or exchanged item) carries an id that a sales record of another return already
 * holds. It is filed against this return under its own key, so the other return's record is neither
 * marked nor replayed on its account.
 */
public class SalesKeyConflictException extends InvalidReturnException {

    private final String lineKey;

    SalesKeyConflictException(SalesWork work, String reason) {
        super(work.returnId(), reason);
        this.lineKey = "return:" + work.returnId() + "#" + work.recordKey();
    }

    public String lineKey() {
        return lineKey;
    }
}
