package org.returnsbridge.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Positive signals that running bridges have done what they would do on their own, for the "nothing doubled"
 * checks at the end of a crash or cluster test: instead of sleeping "a few sweeps' time" and hoping the machine was
 * not too loaded for the sweeps to run, a test waits (bounded) until they have run.
 *
 * <p>The route ids are the bridge's operational contract (docs, Hawtio, JMX name them), hence literals here rather
 * than references into the routes' classes.
 */
public final class Settling {

    /** The Reveni poll's schedule: one exchange per poll. */
    public static final String POLL = "reveni-poll-schedule";
    /** Settles stock-ins whose outcome is unknown (read back from Sitoo, or posted again). */
    public static final String RESTOCK_SWEEP = "restock-sweep";
    /** Replays the exception records that are due. */
    public static final String EXCEPTION_SWEEP = "exception-sweep";
    /** Interval mode: flushes the batches whose window has closed. */
    public static final String RESTOCK_BATCHES = "restock-batches";

    private Settling() {
    }

    /**
     * Waits until each route has completed at least two more runs, summed over {@code nodes}, than when this was
     * called. Every scheduled route is a stateful trigger in Quartz's clustered store, so its runs never overlap,
     * on one node or across the cluster: of two runs completed after the call, the second started after it, and
     * so saw everything that was true at the call. One more completion would not do: it may be a run that was
     * already half way through. {@code nodes} must stay up meanwhile (a restart starts its counters again).
     */
    public static void awaitFullRuns(Duration atMost, List<BridgeApi> nodes, String... routeIds) {
        Map<String, Long> before = runs(nodes, routeIds);
        await("two full runs of " + String.join(", ", routeIds) + " on " + nodes).atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Map<String, Long> now = runs(nodes, routeIds);
                    return before.entrySet().stream().allMatch(route -> now.get(route.getKey()) >= route.getValue() + 2);
                });
    }

    /**
     * True when the sandbox has answered (or dropped, as a fault) every Sitoo request it received: no request of any
     * bridge is inside Sitoo, to be applied later. Requests are counted before answers, so a request received before
     * the check and still unanswered always makes it false (an answer counted without its request cannot hide one).
     */
    public static boolean sitooAnsweredEverything(SandboxControl sandbox) {
        JsonNode received = sandbox.calls();
        JsonNode answered = sandbox.send("GET", "/calls/statuses", null);
        for (Iterator<Map.Entry<String, JsonNode>> keys = received.fields(); keys.hasNext(); ) {
            Map.Entry<String, JsonNode> key = keys.next();
            // "sitoo POST warehousetransactions"; "sitoo fault ..." keys count injected faults, not requests
            if (!key.getKey().startsWith("sitoo ") || key.getKey().startsWith("sitoo fault ")) {
                continue;
            }
            long answers = 0;
            for (JsonNode byStatus : answered.path(key.getKey())) {
                answers += byStatus.asLong();
            }
            if (answers < key.getValue().asLong()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Long> runs(List<BridgeApi> nodes, String... routeIds) {
        Map<String, Long> runs = new LinkedHashMap<>();
        for (String routeId : routeIds) {
            runs.put(routeId, 0L);
        }
        for (BridgeApi node : nodes) {
            Map<String, Long> mine = node.completedRunsByRoute();
            runs.replaceAll((routeId, sum) -> sum + mine.getOrDefault(routeId, 0L));
        }
        return runs;
    }
}
