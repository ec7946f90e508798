package org.returnsbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.SandboxControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two operators replay the same exception category on two nodes at the same instant — one through the REST API,
 * the other through JMX (Jolokia, as Hawtio does) — after fixing the cause: stock moves once per line, and every
 * record ends RESOLVED.
 *
 * <p>The exceptions are UNKNOWN_SKU: returns of products Sitoo does not have yet arrive by webhook (the poll is
 * off, so nothing but the two replays touches them afterwards), then the products are created in Sitoo. Both
 * nodes walk the same open records in the same order, and Reveni's answers come late at random, so the two
 * replays meet on the same lines.
 */
class ConcurrentReplayIT {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentReplayIT.class);
    private static final String CATEGORY = "UNKNOWN_SKU";
    private static final List<String> NEW_SKUS = List.of("CLX-100-S", "CLX-100-M", "CLX-200-38", "CLX-300-1");
    private static final int RETURNS = 40;

    private BridgeCluster cluster;

    @AfterEach
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoOperatorsReplayingOneCategoryOnTwoNodesMoveStockOnce() throws Exception {
        cluster = BridgeCluster.start("concurrent-replay")
                .withNodeSetting("BRIDGE_POLL_ENABLED", "false")
                // the sweep must not replay these on its own while the operators do
                .withNodeSetting("BRIDGE_EXCEPTIONS_RETRY_FIRST", "PT30M")
                .withNodeSetting("BRIDGE_EXCEPTIONS_RETRY_CAP", "PT30M");
        cluster.startNodes(2);
        SandboxControl sandbox = cluster.sandbox();
        ClusterNode rest = cluster.node(0);
        ClusterNode jmx = cluster.node(1);

        Random random = new Random(424242L);
        List<ClusterReturn> returns = new ArrayList<>();
        for (int i = 0; i < RETURNS; i++) {
            int location = i % 3;
            ClusterReturn ret = new ClusterReturn(random, 700_000 + i,
                    List.of("store-stockholm-01", "store-goteborg-01", "dc-boras").get(location), location + 1);
            ret.addLine(random, NEW_SKUS.get(i % NEW_SKUS.size()), 1 + i % 2, ClusterReturn.Fate.SELLABLE, null);
            returns.add(ret);
            sandbox.putReturn(ret.render()); // a webhook, through the balancer, to one of the nodes
        }
        await("every line an open " + CATEGORY + " record").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rest.exceptions("OPEN", CATEGORY).size() == RETURNS);

        NEW_SKUS.forEach(sku -> sandbox.createProduct(sku, "Cluster test article " + sku));
        // Vendors that answer in tens of milliseconds, half of Reveni's answers late: the two replays do not run
        // in lockstep one record apart (where the later one only finds finished lines) but catch up with each other.
        sandbox.sitooFaults("{\"latencyMillis\": 40}");
        sandbox.reveniFaults("{\"seed\": 77, \"latencyMillis\": 20, \"rateSlow\": 0.5, \"slowMillis\": 120}");

        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<JsonNode> byRest = CompletableFuture.supplyAsync(() -> {
            awaitLatch(go);
            return rest.replayCategoryByRest(CATEGORY);
        });
        CompletableFuture<JsonNode> byJmx = CompletableFuture.supplyAsync(() -> {
            awaitLatch(go);
            return jmx.replayCategoryByJmx(CATEGORY);
        });
        go.countDown();
        JsonNode restOutcomes = byRest.get(3, TimeUnit.MINUTES);
        JsonNode jmxAnswer = byJmx.get(3, TimeUnit.MINUTES);
        log.info("REST replay on {}: {}", rest, restOutcomes);
        log.info("JMX replay on {}: {}", jmx, jmxAnswer);
        Set<String> replayedByRest = new TreeSet<>();
        restOutcomes.forEach(outcome -> replayedByRest.add(outcome.path("id").asText()));
        Set<String> replayedByBoth = new TreeSet<>();
        Matcher jmxLine = Pattern.compile("(?m)^#(\\d+) ").matcher(jmxAnswer.asText());
        while (jmxLine.find()) {
            if (replayedByRest.contains(jmxLine.group(1))) {
                replayedByBoth.add(jmxLine.group(1));
            }
        }
        log.info("records replayed by both nodes: {} of {}", replayedByBoth.size(), RETURNS);
        assertThat(replayedByBoth).as("records both operators replayed (else the two replays never met)").isNotEmpty();
        sandbox.sitooFaults("{}");
        sandbox.reveniFaults("{}");

        ClusterExpectation expected = ClusterExpectation.of(returns);
        await("every record resolved, every line restocked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> notResolved(rest).isEmpty() && notRestocked(rest, expected).isEmpty());
        Thread.sleep(3_000); // a late second post would land now

        SitooAudit audit = SitooAudit.read(sandbox);
        log.info("CONCURRENT REPLAY: {} stock-ins for {} lines, {} externalids doubled: {}", audit.stockInTransactions(),
                RETURNS, audit.duplicatedStockIns().size(), audit.duplicatedStockIns());
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(audit.duplicatedStockIns()).as("externalids on more than one stock-in (transaction ids)").isEmpty();
        softly.assertThat(audit.missingStockIns(expected.stockInExternalIds())).as("lines with no stock-in").isEmpty();
        softly.assertThat(audit.stockMismatches(expected.unitsByStockKey())).as("Sitoo stock against the expected").isEmpty();
        softly.assertThat(notResolved(rest)).as("records not RESOLVED (id: status)").isEmpty();
        softly.assertThat(notRestocked(rest, expected)).as("lines not RESTOCKED (item: state)").isEmpty();
        softly.assertAll();
    }

    private static Map<String, String> notResolved(ClusterNode node) {
        Map<String, String> open = new TreeMap<>();
        for (JsonNode record : node.exceptions(null, CATEGORY)) {
            if (!"RESOLVED".equals(record.path("status").asText())) {
                open.put(record.path("id").asText(), record.path("status").asText() + " " + record.path("reason").asText());
            }
        }
        return open;
    }

    private static Map<String, String> notRestocked(ClusterNode node, ClusterExpectation expected) {
        Map<String, JsonNode> ledger = node.ledgerLinesByItem();
        Map<String, String> wrong = new TreeMap<>();
        expected.ledgerStateByItem().keySet().forEach(item -> {
            JsonNode line = ledger.get(item);
            String state = line == null ? "no line" : line.path("ledgerState").asText();
            if (!"RESTOCKED".equals(state)) {
                wrong.put(item, state);
            }
        });
        return wrong;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
