package org.returnsbridge.connections;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.returnsbridge.reveni.ReveniConnection;
import org.returnsbridge.sitoo.SitooConnection;

/**
 * Decides between real accounts and the sandbox, and refuses a half-configured deployment.
 *
 * <p>All six connection variables empty means sandbox mode. Any one of them set means the
 * operator meant to connect a real account, so every missing or malformed one is named at start-up
 * instead of the bridge quietly falling back to the sandbox.
 */
public final class VendorConnections {

    private VendorConnections() {}

    public static boolean isSandboxMode(ConnectionProperties props) {
        return variables(props).values().stream().allMatch(VendorConnections::isBlank);
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
            throw new IllegalStateException("Incomplete vendor configuration (set all of them for real accounts, "
                    + "or none of them for sandbox mode): " + String.join("; ", problems));
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
