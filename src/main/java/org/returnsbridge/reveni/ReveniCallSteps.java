package org.returnsbridge.reveni;

import java.io.InputStream;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.node.MissingNode;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.returnsbridge.support.BoundedBody;
import org.returnsbridge.support.ResponseTooLargeException;
import org.returnsbridge.support.VendorReachability;

/**
 * The steps of the Reveni call route that need Java: shaping the HTTP request, reading the answer within
 * the size limit (BRIDGE_MAX_PAGE_BYTES), and saying what a status means. A 404 is an answer (past the
 * last page, or no such return); any other status but 2xx, or no answer at all, is Reveni unavailable.
 */
public class ReveniCallSteps {

    /** The exchange property holding the {@link ReveniRequest}, for the steps after the HTTP call. */
    public static final String REQUEST = "reveniRequest";
    /** The exchange property holding the endpoint URL that {@code toD} sends to. */
    public static final String URL = "reveniUrl";

    private final String authorization;
    private final long maxBodyBytes;
    private final VendorReachability reachability;

    public ReveniCallSteps(ReveniConnection connection, long maxBodyBytes, VendorReachability reachability) {
        this.authorization = "Bearer " + connection.apiKey();
        this.maxBodyBytes = maxBodyBytes;
        this.reachability = reachability;
    }

    /** camel-http's headers and body; every inbound header dropped, the key as a header, never in the URI. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        ReveniRequest request = exchange.getMessage().getMandatoryBody(ReveniRequest.class);
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(URL, request.url());
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_METHOD, request.method());
        if (request.query() != null && !request.query().isEmpty()) {
            out.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        out.setHeader("Authorization", authorization);
        out.setHeader("Accept", "application/json");
        if (request.body() != null) {
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
        out.setBody(request.body());
    }

    /** Reads the answer body as text within the size limit (a larger one is refused unread). */
    public void readAnswer(Exchange exchange) throws Exception {
        Message answer = exchange.getMessage();
        answer.setBody(BoundedBody.read(answer.getBody(InputStream.class), maxBodyBytes));
        recordAnswer(exchange);
    }

    /** For the reveni health indicator: a 5xx is no usable answer; anything else (a 401, a 404) is Reveni answering. */
    private void recordAnswer(Exchange exchange) {
        int status = status(exchange);
        if (status >= 500 || status == 0) {
            reachability.unanswered(request(exchange).what(), "HTTP " + status);
        } else {
            reachability.answered(request(exchange).what());
        }
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

    private static ReveniRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, ReveniRequest.class);
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }
}
