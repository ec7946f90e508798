package org.returnsbridge.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.returnsbridge.testsupport.BridgeApi;
import org.returnsbridge.testsupport.BridgeProcesses;

/**
 * One bridge process of a cluster, and what an operator asks it over HTTP with the operator account: the REST API
 * (ledger, exceptions, reconciliation) and JMX through Jolokia. The node id stays when the process is restarted.
 */
final class ClusterNode {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String nodeId;
    private final int port;
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (BridgeProcesses.OPERATOR + ":" + BridgeProcesses.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private volatile Process process;
    private int starts;

    ClusterNode(String nodeId, int port) {
        this.nodeId = nodeId;
        this.port = port;
    }

    String nodeId() {
        return nodeId;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** The log name of the next start: node-2.log first, node-2-start2.log after a restart (the first log stays). */
    String nextLogName() {
        starts++;
        return starts == 1 ? nodeId : nodeId + "-start" + starts;
    }

    void started(Process process) {
        this.process = process;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The readiness probe answers 200 (open, no account needed). */
    boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every ledger line the cluster recorded, by Reveni item id: {@code GET /api/returns}, paged. */
    Map<String, JsonNode> ledgerLinesByItem() {
        return api().ledgerLinesByItem();
    }

    /** The same node through the test-support client the crash tests use (ledger, route run counts). */
    BridgeApi api() {
        return new BridgeApi(nodeId, port);
    }

    /** {@code GET /api/exceptions?status=&category=} (either may be null). */
    JsonNode exceptions(String status, String category) {
        StringBuilder query = new StringBuilder("/api/exceptions?");
        if (status != null) {
            query.append("status=").append(status).append('&');
        }
        if (category != null) {
            query.append("category=").append(category);
        }
        return get(query.toString());
    }

    /** {@code POST /api/exceptions/replay?category=}: one outcome per open record of the category. */
    JsonNode replayCategoryByRest(String category) {
        return post("/api/exceptions/replay?category=" + category);
    }

    /** The ExceptionQueue MBean's {@code replayCategory} through Jolokia, as Hawtio or a script calls it. */
    JsonNode replayCategoryByJmx(String category) {
        ObjectNode request = JSON.createObjectNode().put("type", "exec")
                .put("mbean", "org.returnsbridge:type=ExceptionQueue,name=operations")
                .put("operation", "replayCategory");
        request.putArray("arguments").add(category);
        JsonNode answer = send(HttpRequest.newBuilder(uri("/actuator/jolokia"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        if (answer.path("status").asInt() != 200) {
            throw new IllegalStateException(nodeId + ": Jolokia answered " + answer);
        }
        return answer.path("value");
    }

    /** {@code POST /api/reconciliation/run?date=}: the report of that business day. */
    JsonNode reconcile(java.time.LocalDate day) {
        return post("/api/reconciliation/run?date=" + day);
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(nodeId + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(nodeId + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return nodeId + "@" + port;
    }
}
