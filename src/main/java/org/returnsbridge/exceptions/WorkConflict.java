package org.returnsbridge.exceptions;

/**
 * A failure because the work names something (an item id, a refund id) that another return's record already
 * holds. It is filed apart, under {@link #conflictKey()}, so the other return's record is neither marked nor
 * replayed on this one's account.
 */
public interface WorkConflict {

    String conflictKey();
}
