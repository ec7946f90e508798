package org.returnsbridge.reveni;

import java.util.OptionalLong;

import com.fasterxml.jackson.databind.node.MissingNode;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.returnsbridge.support.BoundedBody;
import org.returnsbridge.support.ResponseTooLargeException;
import org.returnsbridge.support.VendorHttpCall;
import org.returnsbridge.support.VendorReachability;
import org.returnsbridge.support.VendorRequest;

/**
 * The steps of the Reveni call route that need Java: shaping the HTTP request, reading the answer within
 * the size limit (BRIDGE_MAX_PAGE_BYTES), and saying what a status means. A 404 is an answer (past the
 * last page, or no such return); any other status but 2xx, or no answer at all, is Reveni unavailable.
 * Shaping and reading are the same for every vendor ({@link VendorHttpCall}); what a status means is Reveni's.
 */
public class ReveniCallSteps {

    /** The exchange property holding the {@link ReveniRequest}, for the steps after the HTTP call. */
    public static final String REQUEST = "reveniRequest";
    /** The exchange property holding the endpoint URL that {@code toD} sends to. */
    public static final String URL = "reveniUrl";

    private final VendorHttpCall call;
    private final VendorReachability reachability;

    public ReveniCallSteps(ReveniConnection connection, long maxBodyBytes, VendorReachability reachability) {
        this.call = new VendorHttpCall(ReveniRequest.class, REQUEST, URL, "Bearer " + connection.apiKey(), maxBodyBytes,
                reachability);
        this.reachability = reachability;
    }

    /** camel-http's headers and body; every inbound header dropped, the key as a header, never in the URI. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        call.prepare(exchange);
    }

    /**
     * Reads the answer body as text within the size limit (a larger one is refused unread). For the reveni health
     * indicator a 5xx is no usable answer; anything else (a 401, a 404) is Reveni answering.
     */
    public void readAnswer(Exchange exchange) throws Exception {
        call.readAnswer(exchange);
    }

    /** No answer at all: refused, reset or timed out. A body over the limit stays what it is. */
    public void noAnswer(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        reachability.unanswered(request(exchange).what(), VendorReachability.reasonOf(failure));
        if (failure instanceof ResponseTooLargeException tooLarge) {
            throw tooLarge;
        }
        throw new ReveniUnavailableException("Reveni did not answer (" + request(exchange).what() + "): "
                + (failure == null ? "no reason given" : failure.getMessage()), failure);
    }

    /** True for a 404: Reveni knows no such page or return. */
    public boolean isNotFound(Exchange exchange) {
        return status(exchange) == 404;
    }

    public void notFound(Exchange exchange) {
        exchange.getMessage().setBody(MissingNode.getInstance());
    }

    /** Anything but 2xx (and 404, handled before): Reveni gave no usable answer. */
    public void failUnlessSuccess(Exchange exchange) {
        int status = status(exchange);
        if (status < 200 || status >= 300) {
            String hint = status == 401 ? " (check REVENI_API_KEY)" : "";
            throw new ReveniUnavailableException("Reveni answered HTTP " + status + hint + " to "
                    + request(exchange).what() + ": " + BoundedBody.excerpt(exchange.getMessage().getBody(String.class)),
                    retryAfter(exchange), null);
        }
    }

    public void notJson(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw new ReveniAnswerNotJsonException("Reveni answered " + request(exchange).what()
                + " with something that is not JSON: " + (failure == null ? "" : failure.getMessage()), failure);
    }

    /** A 429's (or 503's) Retry-After in seconds; an HTTP date or anything unreadable counts as none. */
    private static OptionalLong retryAfter(Exchange exchange) {
        String value = exchange.getMessage().getHeader("Retry-After", String.class);
        if (value == null || !value.trim().matches("\\d{1,9}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value.trim()));
    }

    private VendorRequest request(Exchange exchange) {
        return call.request(exchange);
    }

    private static int status(Exchange exchange) {
        return VendorHttpCall.status(exchange);
    }
}
