package org.returnsbridge.connections;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.returnsbridge.reveni.ReveniConnection;
import org.returnsbridge.sitoo.SitooConnection;

/**
 * Checks the vendor settings against the mode, and builds the live connections.
 *
 * <p>The mode is explicit ({@code BRIDGE_MODE}, see {@link BridgeMode}): missing settings never switch the
 * sandbox on. Live mode names every missing or malformed variable at start-up; sandbox mode refuses vendor
 * variables, which would mean someone meant live and would be silently ignored.
 */
public final class VendorConnections {

    private VendorConnections() {}

    /** Refuses a configuration that does not fit the mode, in one message naming each variable. */
    public static void checkFor(BridgeMode mode, ConnectionProperties props) {
        if (mode == BridgeMode.LIVE) {
            validateRealAccounts(props);
            return;
        }
        List<String> set = variables(props).entrySet().stream().filter(e -> !isBlank(e.getValue()))
                .map(Map.Entry::getKey).toList();
        if (!set.isEmpty()) {
            throw new IllegalStateException("BRIDGE_MODE=sandbox, but vendor variables are set: " + String.join(", ", set)
                    + ". The sandbox never calls a real account: unset them for the demo, or set BRIDGE_MODE=live");
        }
    }

    public static ReveniConnection reveni(ConnectionProperties props) {
        validateRealAccounts(props);
        var r = props.reveni();
        return new ReveniConnection(stripSlash(r.baseUrl()), r.apiKey().trim(), r.storeId().trim());
    }

    public static SitooConnection sitoo(ConnectionProperties props) {
        validateRealAccounts(props);
        var s = props.sitoo();
        return new SitooConnection(stripSlash(s.baseUrl()), s.apiId().trim(), s.apiPassword(), siteId(props));
    }

    static void validateRealAccounts(ConnectionProperties props) {
        List<String> problems = new ArrayList<>();
        variables(props).forEach((name, value) -> {
            if (isBlank(value)) {
                problems.add(name + " is not set");
            }
        });
        checkUrl("REVENI_BASE_URL", props.reveni().baseUrl(), problems);
        checkUrl("SITOO_BASE_URL", props.sitoo().baseUrl(), problems);
        if (!isBlank(props.sitoo().baseUrl()) && !props.sitoo().baseUrl().contains("/v2/accounts/")) {
            problems.add("SITOO_BASE_URL must include /v2/accounts/{accountid}, got " + props.sitoo().baseUrl());
        }
        if (siteId(props) < 1) {
            problems.add("SITOO_SITE_ID must be a positive integer, got " + props.sitoo().siteId());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Live mode (BRIDGE_MODE=live, the default) needs the vendor accounts: "
                    + String.join("; ", problems) + ". Set them, or set BRIDGE_MODE=sandbox to run the demo");
        }
    }

    private static int siteId(ConnectionProperties props) {
        return props.sitoo().siteId() == null ? 1 : props.sitoo().siteId();
    }

    private static void checkUrl(String name, String value, List<String> problems) {
        if (isBlank(value)) {
            return;
        }
        try {
            URI uri = URI.create(value.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(name + " must be an http(s) URL, got " + value);
            }
        } catch (IllegalArgumentException e) {
            problems.add(name + " is not a valid URL: " + value);
        }
    }

    private static Map<String, String> variables(ConnectionProperties props) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("REVENI_BASE_URL", props.reveni().baseUrl());
        vars.put("REVENI_API_KEY", props.reveni().apiKey());
        vars.put("REVENI_STORE_ID", props.reveni().storeId());
        vars.put("SITOO_BASE_URL", props.sitoo().baseUrl());
        vars.put("SITOO_API_ID", props.sitoo().apiId());
        vars.put("SITOO_API_PASSWORD", props.sitoo().apiPassword());
        return vars;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String stripSlash(String url) {
        String u = url.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
