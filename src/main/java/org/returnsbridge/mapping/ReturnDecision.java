package org.returnsbridge.mapping;

/** What happens to a returned line, as the condition mapping decides it. */
public enum ReturnDecision {
    /** Put back on sale: +quantity in the mapped Sitoo warehouse. */
    RESTOCK,
    /** Recorded, never restocked (damaged, unsellable, rejected, cancelled). */
    NO_RESTOCK,
    /** Not decidable yet (goods in transit, not inspected): recorded, acted on by a later poll. */
    HOLD
}
