package org.returnsbridge.sitoo;

import org.returnsbridge.support.VendorRequest;

/**
 * One call to Sitoo as the gateway route sends it: the endpoint URL (no credentials, no query: both
 * travel as headers, because endpoint URIs show in JMX, Hawtio and logs), the query string, the JSON
 * body of a POST, and what the call is for, in words, for failure reasons; and, for a caller that took its
 * rate-limit turn before it knew what to send, that turn ({@code null}: the gateway takes one).
 */
public record SitooRequest(String method, String url, String query, String body, String what, SitooRateLimit.Turn turn)
        implements VendorRequest {

    public static SitooRequest get(String url, String query, String what) {
        return new SitooRequest("GET", url, query, null, what, null);
    }

    public static SitooRequest post(String url, String body, String what) {
        return new SitooRequest("POST", url, null, body, what, null);
    }

    /** The same request, going on a turn its caller already took. */
    public SitooRequest onTurn(SitooRateLimit.Turn taken) {
        return new SitooRequest(method, url, query, body, what, taken);
    }
}
