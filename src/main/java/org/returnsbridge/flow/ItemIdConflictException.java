package org.returnsbridge.flow;

import org.returnsbridge.exceptions.WorkConflict;
import org.returnsbridge.reveni.InvalidReturnException;

/**
 * A return names an item id the ledger already holds for another return. It is filed against this
 * return (its own record key, no ledger line), because the ledger line under that id belongs to the other
 * return and must not be marked, overwritten or replayed on this one's account.
 */
public class ItemIdConflictException extends InvalidReturnException implements WorkConflict {

    private final String itemId;

    public ItemIdConflictException(String returnId, String itemId, String reason) {
        super(returnId, reason);
        this.itemId = itemId;
    }

    /** The exception record's key: this return's claim to the item id, apart from the line that owns it. */
    @Override
    public String conflictKey() {
        return "return:" + returnId() + "#item:" + itemId;
    }
}
