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
 *   <li>Transient failures (no answer, timeouts, resets, 5xx, 429) are redelivered in flight with
 *       exponential back-off and jitter ({@link RetryDelay}), asynchronously. An open Sitoo circuit, or a
 *       stock-in whose earlier post may still land, is not retried in flight: the line is queued at once
 *       and replayed by the sweeps.</li>
 *   <li>Everything else (unknown SKU, unmapped location, invalid return, a 4xx, a failed element) is
 *       permanent and skips redelivery.</li>
 *   <li>Either way, once given up, the dead-letter channel hands the original line to the exception
 *       route ({@code direct:line-failed}), which files it in the exception queue; the batch carries on.</li>
 * </ul>
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
                    .onWhen(BridgeErrorPolicy::worthRetryingNow)
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

    private static boolean worthRetryingNow(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        return !(failure instanceof VendorUnavailableException v && v.isPointlessToRetryNow());
    }
}
