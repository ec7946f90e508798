package org.returnsbridge.monitoring;

import java.util.Map;

/**
 * Help texts for the meters that libraries register without one (Spring's observations, Camel's route
 * counts, Tomcat's sessions): Prometheus shows them as {@code # HELP} and promtool insists on them.
 * A meter neither its library nor this table describes fails {@code PromtoolMetricsTest}: add it here.
 */
final class MeterHelp {

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("app.info", "The application's name and version, as Camel reports it (value always 1)"),
            Map.entry("bridge.redelivery.attempts", "In-flight redeliveries the error policy made, per failure type"),
            Map.entry("camel.routes.added", "Routes added to the Camel context"),
            Map.entry("camel.routes.running", "Routes of the Camel context that are running"),
            Map.entry("camel.routes.reloaded", "Routes reloaded since start-up"),
            Map.entry("http.server.requests", "HTTP requests the bridge served, by method, URI template and status"),
            Map.entry("http.server.requests.active", "HTTP requests the bridge is serving right now"),
            Map.entry("http.client.requests", "HTTP calls the bridge's Spring HTTP clients made, by method, URI and status"),
            Map.entry("http.client.requests.active", "HTTP calls the bridge's clients are making right now"),
            Map.entry("spring.security.authentications", "Spring Security: time spent authenticating requests"),
            Map.entry("spring.security.authentications.active", "Spring Security: authentications in progress"),
            Map.entry("spring.security.authorizations", "Spring Security: time spent deciding access to requests"),
            Map.entry("spring.security.authorizations.active", "Spring Security: access decisions in progress"),
            Map.entry("spring.security.filterchains", "Spring Security: time requests spend in the filter chain"),
            Map.entry("spring.security.filterchains.active", "Spring Security: requests in the filter chain now"),
            Map.entry("spring.security.http.secured.requests", "Spring Security: time spent serving secured requests"),
            Map.entry("spring.security.http.secured.requests.active", "Spring Security: secured requests in progress"),
            Map.entry("tomcat.sessions.active.current", "HTTP sessions open now"),
            Map.entry("tomcat.sessions.active.max", "Most HTTP sessions open at once since start-up"),
            Map.entry("tomcat.sessions.alive.max", "Longest time an expired HTTP session was alive"),
            Map.entry("tomcat.sessions.created", "HTTP sessions created since start-up"),
            Map.entry("tomcat.sessions.expired", "HTTP sessions expired since start-up"),
            Map.entry("tomcat.sessions.rejected", "HTTP sessions refused because too many were open"));

    private static final String FILTER_CHAIN_EVENTS = "spring.security.filterchains.";

    private MeterHelp() {
    }

    /** The help text for a meter its library left without one; null if this table has none either. */
    static String describe(String meterName) {
        String known = BY_NAME.get(meterName);
        if (known != null) {
            return known;
        }
        if (meterName.startsWith(FILTER_CHAIN_EVENTS)) {
            // One counter per security filter and phase: spring.security.filterchains.<filter>.before / .after
            return "Spring Security: requests that passed this filter of the chain";
        }
        return null;
    }
}
