package org.returnsbridge.sitoo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.returnsbridge.support.BoundedBody;
import org.returnsbridge.support.ResponseTooLargeException;
import org.returnsbridge.support.VendorHttpCall;
import org.returnsbridge.support.VendorReachability;
import org.returnsbridge.support.VendorRequest;

/**
 * The steps of the Sitoo call route that need Java: shaping the HTTP request, reading the answer within
 * the size limit, and saying what a status means. Only "no usable answer" (no answer, timeout, 5xx, 429)
 * is thrown inside the circuit breaker, so only that counts against Sitoo's health; a 4xx is Sitoo
 * answering, and is judged after the breaker. Shaping and reading are the same for every vendor
 * ({@link VendorHttpCall}); what a status means is Sitoo's.
 */
public class SitooCallSteps {

    /** The exchange property holding the {@link SitooRequest}, for the steps after the HTTP call. */
    public static final String REQUEST = "sitooRequest";
    /** The exchange property holding the endpoint URL that {@code toD} sends to. */
    public static final String URL = "sitooUrl";

    private final VendorHttpCall call;
    private final ObjectMapper json;
    private final VendorReachability reachability;

    public SitooCallSteps(SitooConnection connection, long maxBodyBytes, ObjectMapper json, VendorReachability reachability) {
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (connection.apiId() + ":" + connection.apiPassword()).getBytes(StandardCharsets.UTF_8));
        this.call = new VendorHttpCall(SitooRequest.class, REQUEST, URL, authorization, maxBodyBytes, reachability);
        this.json = json;
        this.reachability = reachability;
    }

    /**
     * Turns the request into camel-http's headers and body. Every inbound header is dropped first, so
     * nothing a caller's route carries can leak to Sitoo as an HTTP header; the credentials travel as a
     * header, never in the endpoint URI.
     */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        call.prepare(exchange);
    }

    /**
     * Reads the answer body as text within the size limit (a larger one is refused unread). For the sitoo health
     * indicator a 5xx is no usable answer; anything else (a 429 too) is Sitoo answering.
     */
    public void readAnswer(Exchange exchange) throws Exception {
        call.readAnswer(exchange);
    }

    /** No answer at all (refused, reset, timed out, or too large to read): a write's outcome is unknown. */
    public void noAnswer(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String what = request(exchange).what();
        reachability.unanswered(what, VendorReachability.reasonOf(failure));
        if (failure instanceof ResponseTooLargeException tooLarge) {
            throw new SitooUnavailableException("Sitoo answered " + what + " with more than " + tooLarge.limitBytes()
                    + " bytes (BRIDGE_MAX_PAGE_BYTES)", OptionalLong.empty(), tooLarge);
        }
        throw new SitooUnavailableException("Sitoo did not answer (" + what + "): "
                + (failure == null ? "no reason given" : failure.getMessage()), OptionalLong.empty(), failure);
    }

    /** 429 and 5xx: Sitoo may answer differently if asked again later. A 429 applied nothing. */
    public void failIfUnavailable(Exchange exchange) {
        int status = status(exchange);
        if (status == 429 || status >= 500 || status == 0) {
            throw new SitooUnavailableException(status == 429 ? SitooUnavailableException.Kind.THROTTLED
                    : SitooUnavailableException.Kind.NO_ANSWER, "Sitoo answered HTTP " + status + " ("
                    + request(exchange).what() + "): " + BoundedBody.excerpt(body(exchange)), retryAfter(exchange), null);
        }
    }

    /** The circuit breaker turned the call away: nothing was sent. */
    public void circuitOpen(Exchange exchange) {
        throw SitooUnavailableException.circuitOpen("Sitoo circuit is open after repeated failures; not calling"
                + " Sitoo for now (it is tried again by itself)");
    }

    /** Any other status but 2xx: Sitoo answered, and the answer is no. */
    public void failIfRefused(Exchange exchange) {
        int status = status(exchange);
        if (status < 200 || status >= 300) {
            throw new SitooRejectedException(status, "Sitoo refused to " + request(exchange).what() + " (HTTP "
                    + status + "): " + errorText(body(exchange)));
        }
    }

    /** camel-jackson could not read the answer: Sitoo answered something that is not JSON. */
    public void notJson(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        reachability.unanswered(request(exchange).what(), "not JSON");
        throw new SitooUnavailableException("Sitoo answered " + request(exchange).what()
                + " with something that is not JSON: " + BoundedBody.excerpt(body(exchange)), OptionalLong.empty(), failure);
    }

    private VendorRequest request(Exchange exchange) {
        return call.request(exchange);
    }

    private static int status(Exchange exchange) {
        return VendorHttpCall.status(exchange);
    }

    private static String body(Exchange exchange) {
        return exchange.getMessage().getBody(String.class);
    }

    private static OptionalLong retryAfter(Exchange exchange) {
        String value = exchange.getMessage().getHeader("Retry-After", String.class);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String errorText(String body) {
        try {
            JsonNode error = json.readTree(body == null ? "" : body);
            if (error != null && error.hasNonNull("errortext")) {
                return error.get("errortext").asText();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
            // not JSON: the raw excerpt says it
        }
        return BoundedBody.excerpt(body);
    }
}
