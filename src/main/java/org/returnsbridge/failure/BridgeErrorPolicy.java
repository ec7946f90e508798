package org.returnsbridge.failure;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.returnsbridge.BridgeProperties;
import org.springframework.stereotype.Component;

/**
 * The one error policy, shared by id between the Java routes and the YAML routes in routes/
 * ({@code routeConfigurationId: bridge-error-policy}).
 *
 * <ul>
 *   <li>Transient failures (no answer, timeouts, resets, 5xx, 429, a call turned away by the rate limit)
 *       are redelivered in flight with exponential back-off and jitter, never sooner than a 429's
 *       Retry-After ({@link RetryDelay}), asynchronously. An open Sitoo circuit, a stock-in whose earlier
 *       post may still land, or a Retry-After longer than one redelivery may wait is not retried in
 *       flight: the line is queued at once and replayed by the sweeps.</li>
 *   <li>Everything else (unknown SKU, unmapped location, invalid return, a 4xx, a failed element) is
 *       permanent and skips redelivery.</li>
 *   <li>Either way, once given up, the dead-letter channel hands the original line to the exception
 *       route ({@code direct:line-failed}), which files it in the exception queue; the batch carries on.</li>
 * </ul>
 *
 * <p>This is the whole retry budget: the vendor gateway routes never retry, and docs/retries.md says, per
 * failure kind, what happens and how long at most before the exception queue.
 */
@Component
public class BridgeErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "bridge-error-policy";
    public static final String EXCEPTION_ROUTE = "direct:line-failed";

    private final BridgeProperties props;
    private final RetryDelay retryDelay;
    private final RedeliveryLog redeliveryLog;

    public BridgeErrorPolicy(BridgeProperties props, RetryDelay retryDelay) {
        this.props = props;
        this.retryDelay = retryDelay;
        this.redeliveryLog = new RedeliveryLog(props.redelivery().maxRedeliveries());
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .errorHandler(deadLetterChannel(EXCEPTION_ROUTE)
                        .useOriginalMessage()
                        .maximumRedeliveries(0)
                        .logExhausted(false)) // the exception route logs each failure once, with its category
                .onException(VendorUnavailableException.class)
                    .onWhen(this::worthRetryingNow)
                    .maximumRedeliveries(props.redelivery().maxRedeliveries())
                    .asyncDelayedRedelivery()
                    .onExceptionOccurred(exchange -> {
                        retryDelay.process(exchange);
                        redeliveryLog.process(exchange); // the attempt, with the unit of work's ids
                    })
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG) // no log context on a redelivery thread
                    .logExhausted(false)
                .end();
    }

    /**
     * Not worth retrying in flight: Sitoo is known to be down or a settle time must pass first, or Sitoo
     * asked to wait longer (Retry-After) than one redelivery may wait (BRIDGE_REDELIVERY_MAX_DELAY). The
     * line is queued at once; the exception queue's sweep replays it no sooner than Retry-After.
     */
    private boolean worthRetryingNow(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        if (failure instanceof VendorUnavailableException unavailable) {
            return !unavailable.isPointlessToRetryNow()
                    && !RetryDelay.asksForMoreThan(unavailable, props.redelivery().maxDelay());
        }
        return true;
    }
}
