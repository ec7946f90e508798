package org.returnsbridge.support;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;

/**
 * Vendor calls as metrics, recorded by steps of a vendor's gateway route: {@code bridge_vendor_calls_seconds}
 * by vendor, operation and status class (2xx, 4xx, 429, 5xx, or none when no answer came), a latency
 * histogram; and {@code bridge_vendor_rate_limit_wait_seconds}, the time calls spent waiting for their turn.
 * The operation is the HTTP method and the resource the URL names ({@code POST warehousetransactions}),
 * with no ids, so the number of series stays small.
 */
public class VendorCallMeter {

    private static final String SENT_AT = "bridgeVendorCallSentAt";
    private static final String OPERATION = "bridgeVendorCallOperation";
    private static final String QUEUED_AT = "bridgeVendorRateLimitQueuedAt";
    /** Set by a rate limit when the call came on a turn its caller waited for ahead: that wait counts too. */
    public static final String WAITED_AHEAD_NANOS = "bridgeVendorRateLimitWaitedAheadNanos";
    private static final Pattern ID_SEGMENT = Pattern.compile("[0-9][0-9a-zA-Z_-]*|[0-9a-fA-F-]{32,36}");
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final String vendor;
    private final String urlProperty;
    private final MeterRegistry meters;

    /** @param urlProperty the exchange property holding the URL the gateway's {@code toD} sends to */
    public VendorCallMeter(String vendor, String urlProperty, MeterRegistry meters) {
        this.vendor = vendor;
        this.urlProperty = urlProperty;
        this.meters = meters;
    }

    /** Right before the HTTP call: the clock starts, the operation is named while the request's headers are there. */
    public void sending(Exchange exchange) {
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        exchange.setProperty(OPERATION, method.toUpperCase(Locale.ROOT) + " "
                + resource(exchange.getProperty(urlProperty, "", String.class)));
        exchange.setProperty(SENT_AT, System.nanoTime());
    }

    /** The vendor answered: its status, whatever it was. */
    public void answered(Exchange exchange) {
        record(exchange, statusClass(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class)));
    }

    /** No answer: refused, reset, timed out. */
    public void unanswered(Exchange exchange) {
        record(exchange, "none");
    }

    /** The call takes its place in the rate limit's queue. */
    public void queued(Exchange exchange) {
        exchange.setProperty(QUEUED_AT, System.nanoTime());
    }

    /** The rate limit let the call through (or failed it): the wait is recorded. */
    public void throttled(Exchange exchange) {
        Long queuedAt = exchange.getProperty(QUEUED_AT, Long.class);
        if (queuedAt != null) {
            Timer.builder("bridge.vendor.rate.limit.wait")
                    .description("Time vendor calls spent waiting for their turn under the vendor's rate limit")
                    .tag("vendor", vendor).register(meters)
                    .record(Duration.ofNanos(System.nanoTime() - queuedAt + exchange.getProperty(WAITED_AHEAD_NANOS, 0L, Long.class)));
            exchange.removeProperty(QUEUED_AT);
            exchange.removeProperty(WAITED_AHEAD_NANOS);
        }
    }

    private void record(Exchange exchange, String statusClass) {
        Long sentAt = exchange.getProperty(SENT_AT, Long.class);
        if (sentAt == null) {
            return;
        }
        exchange.removeProperty(SENT_AT);
        Timer.builder("bridge.vendor.calls")
                .description("HTTP calls to the vendors by operation and status class (none: no answer), with their latency")
                .tag("vendor", vendor).tag("operation", exchange.getProperty(OPERATION, "unknown", String.class))
                .tag("status_class", statusClass)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(meters).record(Duration.ofNanos(System.nanoTime() - sentAt));
    }

    static String statusClass(int status) {
        if (status == 429) {
            return "429";
        }
        return status < 100 || status > 599 ? "none" : status / 100 + "xx";
    }

    /** {@code https://h/sites/1/warehouses/2/warehousetransactions.json} to {@code warehousetransactions}. */
    static String resource(String url) {
        String path = url.replaceFirst("^[a-z]+://[^/]*", "").replaceFirst("[?#].*$", "");
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i].replaceFirst("\\.json$", "");
            if (!segment.isEmpty() && !ID_SEGMENT.matcher(segment).matches()) {
                return segment;
            }
        }
        return "root";
    }
}
