package org.returnsbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.returnsbridge.testsupport.SandboxControl;
import org.returnsbridge.testsupport.Settling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two operators replay the same exception category on two nodes at the same instant — one through the REST API,
 * the other through JMX (Jolokia, as Hawtio does) — after the cause is gone: stock moves once per line, and every
 * record ends RESOLVED.
 *
 * <p>Returns arrive by webhook only (the poll is off) and the automatic sweeps are slowed right down, so nothing but
 * the two replays touches the records afterwards. Both nodes walk the same open records in the same order, and
 * Reveni's answers come late at random, so the two replays catch up with each other on the same lines; the test
 * checks that they did meet, or a pass would prove nothing.
 *
 * <p>Both scenarios run on one cluster (its start-up is most of the time): they use their own categories and SKUs,
 * and the Sitoo audit at the end of each holds everything sent so far, so whichever runs second also proves that the
 * first left nothing doubled or missing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentReplayIT {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentReplayIT.class);
    private static final List<String> LOCATIONS = List.of("store-stockholm-01", "store-goteborg-01", "dc-boras");
    private static final int RETURNS = 40;

    /** BRIDGE_RESTOCK_SETTLE_TIME of the nodes: a post of unknown outcome is read back (and posted again) after it. */
    private static final Duration SETTLE_TIME = Duration.ofSeconds(2);
    /** BRIDGE_HTTP_RESPONSE_TIMEOUT_MS of the nodes: how long a request Sitoo dropped keeps its caller waiting. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    /** BRIDGE_SITOO_BREAKER_OPEN_WAIT of the nodes. */
    private static final Duration BREAKER_OPEN_WAIT = Duration.ofSeconds(1);

    private BridgeCluster cluster;
    /** Every return sent to this cluster, by either scenario: what Sitoo must hold at the end of each. */
    private final List<ClusterReturn> sent = new ArrayList<>();

    @BeforeAll
    void startCluster() throws Exception {
        cluster = startTwoNodes("concurrent-replay");
    }

    @BeforeEach
    void vendorsWellBehaved() {
        cluster.sandbox().sitooFaults("{}");
        cluster.sandbox().reveniFaults("{}");
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** UNKNOWN_SKU: the products are created in Sitoo, then both operators replay. Nothing was ever posted. */
    @Test
    void unknownSkusReplayedOnTwoNodesAtOnceMoveStockOnce() throws Exception {
        List<String> newSkus = List.of("CLX-100-S", "CLX-100-M", "CLX-200-38", "CLX-300-1");
        SandboxControl sandbox = cluster.sandbox();
        List<ClusterReturn> returns = sendReturns(sandbox, RETURNS, i -> newSkus.get(i % newSkus.size()), 700_000);
        awaitOpenRecords("UNKNOWN_SKU", RETURNS);

        newSkus.forEach(sku -> sandbox.createProduct(sku, "Cluster test article " + sku));
        replayOnBothNodesAtOnce("UNKNOWN_SKU");
        replayWhatTheCircuitTurnedAway("UNKNOWN_SKU");
        assertStockMovedOnce(returns, "UNKNOWN_SKU");
    }

    /**
     * SITOO_UNAVAILABLE after posts whose outcome is unknown (Sitoo dropped them unanswered, unapplied): each line
     * has a restock intent, and a replay must read Sitoo back and post again. Two replays that both read "not
     * there" and both post would count the unit twice; this is the race the restock sweep runs into on a cluster.
     */
    @Test
    void unknownOutcomesReplayedOnTwoNodesAtOnceMoveStockOnce() throws Exception {
        String sku = "40001-1";
        SandboxControl sandbox = cluster.sandbox();
        // Each node looks the SKU up once and caches it: afterwards only the stock-in posts reach Sitoo.
        List<ClusterReturn> warmUp = sendReturns(sandbox, 2, i -> sku, 710_000);
        await("the warm-up lines restocked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> notRestocked(cluster.node(0), ClusterExpectation.of(warmUp)).isEmpty());

        sandbox.sitooFaults("{\"seed\": 5, \"rateDrop\": 1.0}");
        List<ClusterReturn> returns = sendReturns(sandbox, RETURNS, i -> sku, 720_000);
        awaitOpenRecords("SITOO_UNAVAILABLE", RETURNS);
        sandbox.sitooFaults("{}");
        awaitSettleTimeSinceLastFailure("SITOO_UNAVAILABLE", Instant.now());

        replayOnBothNodesAtOnce("SITOO_UNAVAILABLE");
        replayWhatTheCircuitTurnedAway("SITOO_UNAVAILABLE");
        List<ClusterReturn> all = new ArrayList<>(warmUp);
        all.addAll(returns);
        assertStockMovedOnce(all, "SITOO_UNAVAILABLE");
    }

    private static BridgeCluster startTwoNodes(String testName) throws Exception {
        BridgeCluster cluster = BridgeCluster.start(testName)
                .withNodeSetting("BRIDGE_POLL_ENABLED", "false")
                // neither the exception sweep nor the restock sweep may settle these on their own meanwhile
                .withNodeSetting("BRIDGE_EXCEPTIONS_RETRY_FIRST", "PT30M")
                .withNodeSetting("BRIDGE_EXCEPTIONS_RETRY_CAP", "PT30M")
                .withNodeSetting("BRIDGE_RESTOCK_SWEEP_INTERVAL", "PT30M")
                .withNodeSetting("BRIDGE_RESTOCK_SETTLE_TIME", SETTLE_TIME.toString())
                .withNodeSetting("BRIDGE_SITOO_BREAKER_OPEN_WAIT", BREAKER_OPEN_WAIT.toString())
                .withNodeSetting("BRIDGE_REDELIVERY_INITIAL_DELAY", "PT0.1S")
                .withNodeSetting("BRIDGE_REDELIVERY_MAX_DELAY", "PT0.2S")
                .withNodeSetting("BRIDGE_HTTP_RESPONSE_TIMEOUT_MS", String.valueOf(RESPONSE_TIMEOUT.toMillis()));
        cluster.startNodes(2);
        return cluster;
    }

    /** One sellable line per return, spread over the three mapped locations; each PUT becomes a webhook. */
    private List<ClusterReturn> sendReturns(SandboxControl sandbox, int count,
                                            java.util.function.IntFunction<String> skuOf, int firstOrderNumber) {
        Random random = new Random(firstOrderNumber);
        List<ClusterReturn> returns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int location = i % LOCATIONS.size();
            ClusterReturn ret = new ClusterReturn(random, firstOrderNumber + i, LOCATIONS.get(location), location + 1);
            ret.addLine(random, skuOf.apply(i), 1 + i % 2, ClusterReturn.Fate.SELLABLE, null);
            returns.add(ret);
            sent.add(ret);
            sandbox.putReturn(ret.render());
        }
        return returns;
    }

    private void awaitOpenRecords(String category, int count) {
        await("every line an open " + category + " record").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> cluster.node(0).exceptions("OPEN", category).size() == count);
    }

    /**
     * Until the settle time has passed since the category's last recorded failure, which came after the last post
     * of every line (a record is written once its line's redeliveries are spent): a replay may then read Sitoo back
     * and post again. And until a request Sitoo dropped just before {@code faultsCleared} has timed out and the
     * breaker it may have opened once more is half-open again (response timeout + open wait): else the replay would
     * meet an open breaker and leave records open, which happened on a loaded machine.
     */
    private void awaitSettleTimeSinceLastFailure(String category, Instant faultsCleared) {
        Instant lastFailure = Instant.EPOCH;
        for (JsonNode record : cluster.node(0).exceptions("OPEN", category)) {
            Instant seen = Instant.parse(record.path("lastSeen").asText());
            lastFailure = seen.isAfter(lastFailure) ? seen : lastFailure;
        }
        Instant settled = lastFailure.plus(SETTLE_TIME);
        Instant lastDropTimedOut = faultsCleared.plus(RESPONSE_TIMEOUT).plus(BREAKER_OPEN_WAIT).plusMillis(500);
        Instant ready = settled.isAfter(lastDropTimedOut) ? settled : lastDropTimedOut;
        await("the settle time has passed since the last failed post").atMost(SETTLE_TIME.multipliedBy(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> Instant.now().isAfter(ready));
    }

    /**
     * The two operators: REST on node-1 and JMX on node-2, released by one latch. Vendors answer in tens of
     * milliseconds and half of Reveni's answers come late, so the replays do not run in lockstep one record apart
     * (where the later one only finds finished lines) but catch up with each other.
     */
    private void replayOnBothNodesAtOnce(String category) throws Exception {
        SandboxControl sandbox = cluster.sandbox();
        ClusterNode rest = cluster.node(0);
        ClusterNode jmx = cluster.node(1);
        sandbox.sitooFaults("{\"latencyMillis\": 40}");
        sandbox.reveniFaults("{\"seed\": 77, \"latencyMillis\": 20, \"rateSlow\": 0.5, \"slowMillis\": 120}");

        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<JsonNode> byRest = CompletableFuture.supplyAsync(() -> {
            awaitLatch(go);
            return rest.replayCategoryByRest(category);
        });
        CompletableFuture<JsonNode> byJmx = CompletableFuture.supplyAsync(() -> {
            awaitLatch(go);
            return jmx.replayCategoryByJmx(category);
        });
        go.countDown();
        JsonNode restOutcomes = byRest.get(3, TimeUnit.MINUTES);
        JsonNode jmxAnswer = byJmx.get(3, TimeUnit.MINUTES);
        sandbox.sitooFaults("{}");
        sandbox.reveniFaults("{}");
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
        log.info("{}: records replayed by both nodes: {} of {}", category, replayedByBoth.size(), replayedByRest.size());
        assertThat(replayedByBoth).as("records both operators replayed (else the two replays never met)").isNotEmpty();
    }

    private void assertStockMovedOnce(List<ClusterReturn> returns, String category) {
        SandboxControl sandbox = cluster.sandbox();
        ClusterNode node = cluster.node(0);
        ClusterExpectation expected = ClusterExpectation.of(returns);
        ClusterExpectation everything = ClusterExpectation.of(sent); // Sitoo holds both scenarios' stock-ins
        try {
            await("every record resolved, every line restocked").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> notResolved(node, category).isEmpty() && notRestocked(node, expected).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            log.warn("{}", e.getMessage()); // reported below, line by line
        }
        // Nothing but the two replays posts (no poll, sweeps 30 min apart) and both have answered: a late second
        // post could only be one still inside Sitoo.
        await("no Sitoo request in flight").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Settling.sitooAnsweredEverything(sandbox));

        SitooAudit audit = SitooAudit.read(sandbox);
        log.info("CONCURRENT REPLAY {}: {} stock-ins for the {} lines sent so far, {} externalids doubled: {}", category,
                audit.stockInTransactions(), sent.size(), audit.duplicatedStockIns().size(), audit.duplicatedStockIns());
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(audit.duplicatedStockIns()).as("externalids on more than one stock-in (transaction ids)").isEmpty();
        softly.assertThat(audit.missingStockIns(everything.stockInExternalIds())).as("lines with no stock-in").isEmpty();
        softly.assertThat(audit.stockMismatches(everything.unitsByStockKey())).as("Sitoo stock against the expected").isEmpty();
        softly.assertThat(notResolved(node, category)).as("records not RESOLVED (id: status reason)").isEmpty();
        softly.assertThat(notRestocked(node, expected)).as("lines not RESTOCKED (item: state)").isEmpty();
        softly.assertAll();
    }

    /**
     * A replay's calls that the circuit turned away were never sent (certainly not applied) and stay open: the rate
     * limit lets a burst go at once, and a replay that meets a half-open circuit gets only its trial calls through.
     * Once it has closed, one more replay takes them. The race under test, two replays posting one line twice, is
     * untouched: anything either concurrent replay did post is already in Sitoo and is audited as before.
     */
    private void replayWhatTheCircuitTurnedAway(String category) throws InterruptedException {
        ClusterNode node = cluster.node(0);
        for (int round = 0; round < 5; round++) {
            Map<String, String> open = notResolved(node, category);
            if (open.isEmpty() || !open.values().stream().allMatch(r -> r.contains("circuit is open"))) {
                return;
            }
            Thread.sleep(BREAKER_OPEN_WAIT.plusMillis(500).toMillis());
            log.info("Replaying again what the circuit turned away: {}", open.keySet());
            node.replayCategoryByRest(category);
        }
    }

    private static Map<String, String> notResolved(ClusterNode node, String category) {
        Map<String, String> open = new TreeMap<>();
        for (JsonNode record : node.exceptions(null, category)) {
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
