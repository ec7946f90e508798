package org.returnsbridge.ledger;

/**
 * Where a return (or one of its lines) sits for store and finance teams, combining the stock side (the
 * line ledger) and the money side (the sales records). Listed from most to least urgent: a return is
 * in the most urgent state any of its lines is in.
 */
public enum TransitionState {
    /** Something could not be placed or recorded: see the exception queue. */
    EXCEPTION,
    /** Money went back (recorded in Sitoo) but the goods have no stock outcome yet. */
    REFUNDED_NOT_RESTOCKED,
    /** The goods are on their way back (or not sent yet). */
    AWAITING_GOODS,
    /** The goods are back, Reveni has not inspected or accepted them yet. */
    AWAITING_INSPECTION,
    /** Back in stock, but no refund or exchange is recorded for it yet (or one is still pending). */
    RESTOCKED_NOT_REFUNDED,
    /** Every line has its stock outcome and every refund its sales record. */
    CLOSED
}
