package org.returnsbridge.support;

import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/**
 * The part of a vendor gateway's steps that is the same for every vendor: turning a {@link VendorRequest} into
 * camel-http's headers and body, and reading the answer within the size limit while telling the vendor's
 * {@link VendorReachability} whether it answered. What a status means stays with each vendor's steps.
 */
public final class VendorHttpCall {

    private final Class<? extends VendorRequest> requestType;
    private final String requestProperty;
    private final String urlProperty;
    private final String authorization;
    private final long maxBodyBytes;
    private final VendorReachability reachability;

    /**
     * @param requestProperty the exchange property that keeps the request for the steps after the HTTP call
     * @param urlProperty     the exchange property holding the URL that the route's {@code toD} sends to
     * @param authorization   the Authorization header's value
     */
    public VendorHttpCall(Class<? extends VendorRequest> requestType, String requestProperty, String urlProperty,
                          String authorization, long maxBodyBytes, VendorReachability reachability) {
        this.requestType = requestType;
        this.requestProperty = requestProperty;
        this.urlProperty = urlProperty;
        this.authorization = authorization;
        this.maxBodyBytes = maxBodyBytes;
        this.reachability = reachability;
    }

    /**
     * Turns the request into camel-http's headers and body. Every inbound header is dropped first, so nothing a
     * caller's route carries can leak to the vendor as an HTTP header; the credentials travel as a header, never
     * in the endpoint URI.
     */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        VendorRequest request = exchange.getMessage().getMandatoryBody(requestType);
        exchange.setProperty(requestProperty, request);
        exchange.setProperty(urlProperty, request.url());
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

    /**
     * Reads the answer body as text within the size limit (a larger one is refused unread), and records it for the
     * vendor's health indicator: a 5xx is no usable answer; anything else (a 4xx, a 429) is the vendor answering.
     */
    public void readAnswer(Exchange exchange) throws Exception {
        Message answer = exchange.getMessage();
        answer.setBody(BoundedBody.read(answer.getBody(InputStream.class), maxBodyBytes));
        int status = status(exchange);
        if (status >= 500 || status == 0) {
            reachability.unanswered(request(exchange).what(), "HTTP " + status);
        } else {
            reachability.answered(request(exchange).what());
        }
    }

    /** The request {@link #prepare} kept, for the steps after the HTTP call. */
    public VendorRequest request(Exchange exchange) {
        return exchange.getProperty(requestProperty, VendorRequest.class);
    }

    /** The answer's HTTP status; 0 when there is none. */
    public static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }
}
