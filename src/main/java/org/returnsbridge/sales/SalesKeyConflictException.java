package org.returnsbridge.sales;

import org.returnsbridge.exceptions.WorkConflict;
import org.returnsbridge.reveni.InvalidReturnException;

/**
 * A return's refund (or exchanged item) carries an id that a sales record of another return already
 * holds. It is filed against this return under its own key, so the other return's record is neither
 * marked nor replayed on its account.
 */
public class SalesKeyConflictException extends InvalidReturnException implements WorkConflict {

    private final String conflictKey;

    SalesKeyConflictException(SalesWork work, String reason) {
        super(work.returnId(), reason);
        this.conflictKey = "return:" + work.returnId() + "#" + work.recordKey();
    }

    @Override
    public String conflictKey() {
        return conflictKey;
    }
}
