package org.returnsbridge.reveni;

import org.returnsbridge.support.VendorRequest;

/**
 * One call to Reveni as the gateway route sends it: the endpoint URL (no credentials, no query: both
 * travel as headers, because endpoint URIs show in JMX, Hawtio and logs), the query string, the JSON
 * body of a POST, and what the call is for, in words, for failure reasons.
 */
public record ReveniRequest(String method, String url, String query, String body, String what)
        implements VendorRequest {

    public static ReveniRequest get(String url, String query, String what) {
        return new ReveniRequest("GET", url, query, null, what);
    }

    public static ReveniRequest post(String url, String body, String what) {
        return new ReveniRequest("POST", url, null, body, what);
    }
}
