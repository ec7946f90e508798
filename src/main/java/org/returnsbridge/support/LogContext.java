package org.returnsbridge.support;

/**
 * The ids of a unit of work that every log line of it carries. The routes set them as exchange
 * properties where the unit of work begins; camel-mdc ({@code camel.mdc.custom-exchange-properties} in
 * application.yml) copies them into the log context around every step, on whichever thread runs it
 * (split workers, async redelivery), so no code puts them in the MDC by hand. The log pattern and
 * the structured log formats read them under the same names.
 */
public final class LogContext {

    public static final String RETURN_ID = "returnId";
    /** The line's item id, or {@code item#<index>} when Reveni sent none. */
    public static final String ITEM_ID = "itemId";
    public static final String REFUND_ID = "refundId";

    private LogContext() {}
}
