package org.returnsbridge.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.testsupport.BridgeProcesses;

/**
 * What the benchmark asks a running bridge, with the operator account of {@link BridgeProcesses}: is it
 * ready, where does every ledger line stand, and how much heap has it used (JMX through Jolokia).
 */
final class BridgeClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code GET /api/returns} answers at most this many returns per call. */
    private static final int LEDGER_PAGE = 1000;

    private final String baseUrl;
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (BridgeProcesses.OPERATOR + ":" + BridgeProcesses.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    BridgeClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** The readiness probe answers 200 (open, no account needed); false while starting or unreachable. */
    boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Ledger lines by state, over every return first seen since {@code from}, paged through
     * {@code GET /api/returns} (oldest first, at most 1000 returns a call), each page starting where the previous
     * one's {@code next} cursor says: after its last return, in (first seen, return id) order.
     */
    Map<String, Integer> ledgerLineStates(Instant from) {
        Map<String, Integer> states = new TreeMap<>();
        Set<String> counted = new HashSet<>();
        String query = "/api/returns?limit=" + LEDGER_PAGE + "&from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8);
        while (true) {
            JsonNode page = get(query);
            for (JsonNode ret : page.path("returns")) {
                if (!counted.add(ret.path("returnId").asText())) {
                    throw new IllegalStateException("ledger paging answered return " + ret.path("returnId").asText()
                            + " twice");
                }
                ret.path("lines").forEach(line -> states.merge(line.path("ledgerState").asText(), 1, Integer::sum));
            }
            JsonNode next = page.path("next");
            if (next.isMissingNode()) {
                return states;
            }
            query = "/api/returns?limit=" + LEDGER_PAGE
                    + "&from=" + URLEncoder.encode(next.path("from").asText(), StandardCharsets.UTF_8)
                    + "&after=" + URLEncoder.encode(next.path("after").asText(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The JVM's own peak heap: the sum over heap memory pools of their {@code PeakUsage.used} since start.
     * Pools peak at different moments, so this is an upper bound of the true peak, never an underestimate.
     */
    long peakHeapBytes() {
        JsonNode value = jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=MemoryPool,name=*\","
                + "\"attribute\":[\"PeakUsage\",\"Type\"]}").path("value");
        long sum = 0;
        for (JsonNode pool : value) {
            if ("HEAP".equals(pool.path("Type").asText())) {
                sum += pool.path("PeakUsage").path("used").asLong();
            }
        }
        return sum;
    }

    /** Heap in use right now ({@code java.lang:type=Memory} HeapMemoryUsage.used), for sampling. */
    long heapUsedBytes() {
        return jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}")
                .path("value").path("used").asLong();
    }

    /** Runs the reconciliation of {@code day} ({@code POST /api/reconciliation/run}) and answers the stored report. */
    JsonNode reconcile(java.time.LocalDate day, Duration timeout) {
        return json("reconciliation", HttpRequest.newBuilder(URI.create(baseUrl + "/api/reconciliation/run?date=" + day))
                .POST(HttpRequest.BodyPublishers.noBody()), timeout);
    }

    /**
     * Sum and count of a Prometheus timer (its {@code _sum} and {@code _count} series, added up over every series
     * whose labels contain {@code labelMatch}), from the bridge's scrape endpoint: {@code [seconds, count]}.
     */
    double[] timerTotals(String metric, String labelMatch) {
        String text = body("Prometheus scrape", HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).GET(),
                Duration.ofSeconds(30));
        double[] totals = new double[2];
        for (String line : text.split("\n")) {
            boolean sum = line.startsWith(metric + "_sum{");
            boolean count = line.startsWith(metric + "_count{");
            if ((sum || count) && line.contains(labelMatch)) {
                totals[sum ? 0 : 1] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return totals;
    }

    private JsonNode jolokia(String request) {
        JsonNode answer = json("Jolokia", HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/jolokia"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)),
                Duration.ofSeconds(60));
        if (answer.path("status").asInt() != 200) {
            throw new IllegalStateException("Jolokia answered " + answer);
        }
        return answer;
    }

    private JsonNode get(String path) {
        return json("GET " + path, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), Duration.ofSeconds(60));
    }

    private JsonNode json(String what, HttpRequest.Builder request, Duration timeout) {
        String body = body(what, request, timeout);
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " answered no JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends {@code request} as the operator and answers the body of a 200; anything else (another status, no
     * connection, an interrupt) is an {@link IllegalStateException} naming {@code what} was asked.
     */
    private String body(String what, HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization).timeout(timeout)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(what + ": bridge unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
