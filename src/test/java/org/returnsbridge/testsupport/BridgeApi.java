package org.returnsbridge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a test asks a running bridge process over HTTP with the operator account ({@link BridgeProcesses#OPERATOR}):
 * its ledger and sales records ({@code GET /api/returns}) and how often each Camel route has completed an exchange
 * ({@code GET /actuator/prometheus}, camel-micrometer's route policy).
 */
public final class BridgeApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int LEDGER_PAGE = 1000; // the API's largest page
    /** {@code camel_exchanges_total{...,route_id="restock-sweep"} 12.0}: one route's completed exchanges. */
    private static final Pattern ROUTE_EXCHANGES = Pattern.compile(
            "(?m)^camel_exchanges_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)$");
    private static final Pattern ROUTE_ID = Pattern.compile("route_id=\"([^\"]*)\"");
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (BridgeProcesses.OPERATOR + ":" + BridgeProcesses.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final String name;
    private final int port;

    public BridgeApi(String name, int port) {
        this.name = name;
        this.port = port;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /**
     * How many exchanges each Camel route has completed in this process, successful or failed, by route id (a
     * route not run yet counts 0 or is absent). For a scheduled route one exchange is one run. The counts start
     * again from 0 when the process restarts.
     */
    public Map<String, Long> completedRunsByRoute() {
        Matcher meter = ROUTE_EXCHANGES.matcher(text("/actuator/prometheus"));
        Map<String, Long> runs = new HashMap<>();
        while (meter.find()) {
            Matcher routeId = ROUTE_ID.matcher(meter.group(1));
            if (routeId.find() && !routeId.group(1).isEmpty()) {
                runs.merge(routeId.group(1), (long) Double.parseDouble(meter.group(2)), Long::sum);
            }
        }
        return runs;
    }

    /** Every ledger line the bridge recorded in the last 30 days, by Reveni item id: {@code GET /api/returns}, paged. */
    public Map<String, JsonNode> ledgerLinesByItem() {
        Map<String, JsonNode> lines = new HashMap<>();
        returns().forEach(ret -> ret.path("lines").forEach(line -> lines.put(line.path("itemId").asText(), line)));
        return lines;
    }

    /** Every refund and exchange record served with those returns ({@code sales} of each return). */
    public List<JsonNode> salesRecords() {
        List<JsonNode> sales = new ArrayList<>();
        returns().forEach(ret -> ret.path("sales").forEach(sales::add));
        return sales;
    }

    /**
     * The returns of {@code GET /api/returns}, every page, each once: each page starts where the previous one's
     * {@code next} cursor says (after its last return, in (first seen, return id) order).
     */
    public List<JsonNode> returns() {
        List<JsonNode> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String query = "/api/returns?limit=" + LEDGER_PAGE + "&from=1970-01-01T00:00:00Z";
        while (true) {
            JsonNode page = json(query);
            for (JsonNode ret : page.path("returns")) {
                if (!seen.add(ret.path("returnId").asText())) {
                    throw new IllegalStateException(name + ": ledger paging answered return "
                            + ret.path("returnId").asText() + " twice");
                }
                all.add(ret);
            }
            JsonNode next = page.path("next");
            if (next.isMissingNode()) {
                return all;
            }
            query = "/api/returns?limit=" + LEDGER_PAGE
                    + "&from=" + URLEncoder.encode(next.path("from").asText(), StandardCharsets.UTF_8)
                    + "&after=" + URLEncoder.encode(next.path("after").asText(), StandardCharsets.UTF_8);
        }
    }

    public JsonNode json(String path) {
        try {
            return JSON.readTree(text(path));
        } catch (IOException e) {
            throw new IllegalStateException(name + " answered something other than JSON on " + path, e);
        }
    }

    private String text(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(120)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + response.statusCode() + " on " + path + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(name + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
