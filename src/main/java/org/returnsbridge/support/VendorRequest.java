package org.returnsbridge.support;

/**
 * One HTTP call to a vendor as its gateway route sends it: the endpoint URL (no credentials, no query: both travel
 * as headers, because endpoint URIs show in JMX, Hawtio and logs), the query string, the JSON body of a POST, and
 * what the call is for, in words, for failure reasons. Each vendor client has its own record of it.
 */
public interface VendorRequest {

    String method();

    String url();

    String query();

    String body();

    String what();
}
