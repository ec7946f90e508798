package org.returnsbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The run the crash tests drive bridges through, and what they check at its end: returns put into the sandbox's
 * Reveni before any bridge starts (one or two lines each, over the three mapped locations, every other return with
 * a refund), bridges killed and started while they work, then every sellable unit in Sitoo exactly once and every
 * refund exactly one order.
 */
public final class CrashBacklog {

    private static final String[] SKUS = {"10038-1", "10038-2", "20417-M", "30112-40", "40001-1"};
    private static final String[] LOCATIONS = {"store-stockholm-01", "store-goteborg-01", "dc-boras"};
    private static final Set<String> FINAL_LINE_STATES = Set.of("RESTOCKED", "NOT_RESTOCKED");

    /** Sweeps, retries and timeouts short enough for a crashed run to settle within a minute or two. */
    public static final Map<String, String> FAST_SETTLING = Map.of(
            "BRIDGE_RESTOCK_SETTLE_TIME", "PT3S",
            "BRIDGE_RESTOCK_SWEEP_INTERVAL", "PT2S",
            "BRIDGE_EXCEPTIONS_SWEEP_INTERVAL", "PT2S",
            "BRIDGE_EXCEPTIONS_RETRY_FIRST", "PT1S",
            "BRIDGE_EXCEPTIONS_RETRY_CAP", "PT4S",
            "BRIDGE_REDELIVERY_INITIAL_DELAY", "PT0.1S",
            "BRIDGE_REDELIVERY_MAX_DELAY", "PT0.5S",
            "BRIDGE_SITOO_BREAKER_OPEN_WAIT", "PT2S",
            "BRIDGE_HTTP_RESPONSE_TIMEOUT_MS", "2000");

    /** Sitoo stock expected per "warehouse/sku". */
    private final Map<String, BigDecimal> expectedStock = new HashMap<>();
    private int lines;
    private int sellableLines;
    private int refunds;

    private CrashBacklog() {
    }

    /**
     * Puts {@code returns} returns drawn from {@code seed} into the sandbox. With {@code damagedLines}, about one
     * line in five is accepted but damaged (never restocked); without, every line is sellable.
     */
    public static CrashBacklog seed(SandboxControl sandbox, long seed, int returns, boolean damagedLines) {
        CrashBacklog backlog = new CrashBacklog();
        Random random = new Random(seed);
        for (int r = 0; r < returns; r++) {
            int locationIndex = random.nextInt(LOCATIONS.length);
            ReturnJson ret = aReturn().location(LOCATIONS[locationIndex]);
            String refunded = null;
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                String sku = SKUS[random.nextInt(SKUS.length)];
                String item = newId();
                backlog.lines++;
                if (damagedLines && random.nextInt(5) == 0) {
                    ret.item(item, sku, 1, "accepted", "damaged");
                } else {
                    ret.sellable(item, sku, 1);
                    backlog.sellableLines++;
                    backlog.expectedStock.merge((locationIndex + 1) + "/" + sku, BigDecimal.ONE, BigDecimal::add);
                }
                refunded = item;
            }
            if (r % 2 == 0) { // half the returns carry a refund, which must become exactly one Sitoo order
                ret.refund(newId(), "succeeded", "49.9500", refunded, "49.9500");
                backlog.refunds++;
            }
            sandbox.putReturn(ret.json());
        }
        return backlog;
    }

    public int sellableLines() {
        return sellableLines;
    }

    public int refunds() {
        return refunds;
    }

    public void awaitStockInSitoo(SandboxControl sandbox, Duration atMost) {
        await("every sellable line is in Sitoo").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.totalStock().compareTo(BigDecimal.valueOf(sellableLines)) >= 0);
    }

    public void awaitOrdersInSitoo(SandboxControl sandbox, Duration atMost) {
        await("every refund is in Sitoo's sales ledger").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> sandbox.orders().size() >= refunds);
    }

    /**
     * Waits until the bridges have nothing left to do and have shown it: the ledger holds every line in a final
     * state and every refund recorded (no stock-in of unknown outcome is left for a sweep to settle), no Sitoo
     * request is in flight, and then the poll and both sweeps have each run in full on {@code nodes}. Anything the
     * bridges would still post on their own (a doubled stock-in or order) has been posted by then.
     */
    public void awaitSettled(List<BridgeApi> nodes, SandboxControl sandbox, Duration atMost) {
        BridgeApi ledger = nodes.get(0);
        await("every ledger line final, every refund recorded, no Sitoo request in flight").atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(unsettled(ledger)).as("not settled yet").isEmpty();
                    assertThat(Settling.sitooAnsweredEverything(sandbox)).as("Sitoo answered every request").isTrue();
                });
        Settling.awaitFullRuns(atMost, nodes, Settling.POLL, Settling.RESTOCK_SWEEP, Settling.EXCEPTION_SWEEP);
    }

    /** The exactly-once facts, read from the sandbox's Sitoo. */
    public void assertExactlyOnce(SandboxControl sandbox) {
        for (var entry : expectedStock.entrySet()) {
            String[] key = entry.getKey().split("/");
            assertThat(sandbox.stock(Integer.parseInt(key[0]), key[1])).as("stock " + entry.getKey())
                    .isEqualByComparingTo(entry.getValue());
        }
        assertThat(sandbox.totalStock()).isEqualByComparingTo(BigDecimal.valueOf(sellableLines));
        assertThat(sandbox.warehouseTransactions()).as("one stock-in per sellable line").hasSize(sellableLines);
        assertThat(sandbox.orders()).as("one order per refund, never two").hasSize(refunds);
    }

    /** What is not settled yet, for the wait's report: lines not final, refunds not recorded, missing ones. */
    private Map<String, String> unsettled(BridgeApi bridge) {
        Map<String, String> open = new HashMap<>();
        Map<String, JsonNode> ledger = bridge.ledgerLinesByItem();
        ledger.forEach((item, line) -> {
            if (!FINAL_LINE_STATES.contains(line.path("ledgerState").asText())) {
                open.put("line " + item, line.path("ledgerState").asText());
            }
        });
        if (ledger.size() < lines) {
            open.put("lines in the ledger", ledger.size() + " of " + lines);
        }
        List<JsonNode> sales = bridge.salesRecords();
        sales.forEach(record -> {
            if (!"RECORDED".equals(record.path("state").asText())) {
                open.put("refund " + record.path("refundId").asText(), record.path("state").asText());
            }
        });
        if (sales.size() < refunds) {
            open.put("refunds in the ledger", sales.size() + " of " + refunds);
        }
        return open;
    }
}
