package org.returnsbridge.monitoring;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * {@code bridge_poll_last_success_seconds}: when this node last finished a Reveni poll without a failure
 * (Unix time, 0 never). The clustered scheduler runs the poll on one node at a time, so across nodes the
 * answer is {@code max(bridge_poll_last_success_seconds)}. The checkpoint alone cannot tell: it only moves when
 * Reveni has something newer.
 */
class LastPollGauge extends EventNotifierSupport {

    private final Set<String> pollRouteIds;
    private final Clock clock;
    private final AtomicLong lastSuccessMillis = new AtomicLong();

    /** @param pollRouteIds the routes a poll's exchange starts in: the schedule's, or the poll's own when called directly */
    LastPollGauge(Set<String> pollRouteIds, Clock clock, MeterRegistry meters) {
        this.pollRouteIds = pollRouteIds;
        this.clock = clock;
        Gauge.builder("bridge.poll.last.success", lastSuccessMillis, millis -> millis.get() / 1000.0)
                .description("When this node last finished a Reveni poll without a failure (Unix time, 0 never);"
                        + " max() across nodes")
                .baseUnit("seconds").register(meters);
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeFailedEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeCompletedEvent completed) {
            Exchange exchange = completed.getExchange();
            // The poll route handles its failures (onException), so a failed poll completes too: look for the caught one.
            if (pollRouteIds.contains(exchange.getFromRouteId()) && !exchange.isFailed()
                    && exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null) {
                lastSuccessMillis.set(clock.millis());
            }
        }
    }
}
