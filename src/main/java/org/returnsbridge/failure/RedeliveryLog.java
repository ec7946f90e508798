package org.returnsbridge.failure;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.spi.CamelLogger;
import org.apache.camel.spi.LogListener;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per failed attempt the error policy is about to redeliver, in the unit of work's log
 * context. Camel's own "Failed delivery ... On delivery attempt" line is written by the error handler,
 * outside the steps camel-mdc wraps: on the thread of an async redelivery it has no ids, so it is kept
 * at DEBUG. This line goes through Camel's log listeners, as the Log EIP does, and camel-mdc's listener
 * puts the exchange's ids around it on whichever thread the error handler runs. Runs after
 * {@link RetryDelay}, whose delay it reports. An attempt that is not redelivered is filed and logged
 * by the exception route instead.
 */
class RedeliveryLog implements Processor {

    private final CamelLogger logger = new CamelLogger(LoggerFactory.getLogger(RedeliveryLog.class), LoggingLevel.WARN);
    private final int maxRedeliveries;

    RedeliveryLog(int maxRedeliveries) {
        this.maxRedeliveries = maxRedeliveries;
    }

    @Override
    public void process(Exchange exchange) {
        // Already counted by the error handler here: the number of the redelivery to come (past the maximum: none).
        int redelivery = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        if (redelivery > maxRedeliveries) {
            return;
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String message = "Redelivery " + redelivery + " of " + maxRedeliveries + " in "
                + exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, 0L, Long.class) + " ms, after " + failure;
        Set<LogListener> listeners = exchange.getContext().getCamelContextExtension().getLogListeners();
        for (LogListener listener : listeners) {
            message = listener.onLog(exchange, logger, message);
        }
        try {
            logger.log(message);
        } finally {
            for (LogListener listener : listeners) {
                listener.afterLog(exchange, logger, message);
            }
        }
    }
}
