package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.claims.Claims;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.ledger.SeenLine;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooRateLimit;
import org.returnsbridge.sitoo.StockInGroupCommit;
import org.returnsbridge.support.Sql;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two bridge nodes sharing one database and one Sitoo (the sandbox), racing on the same lines while Sitoo
 * answers 5xx, drops connections before and after applying a stock-in: every line lands in Sitoo exactly
 * once. The second node is a second set of the restock beans with another node identity and its own
 * stock-in sender, as a second process would have; only the database and Sitoo are shared.
 */
class TwoNodeRestockTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final Duration SETTLE = Duration.ofSeconds(3); // above the tests' 2 s response timeout
    private static final String FAULTS = "{\"seed\": 11, \"rate500\": 0.1, \"rateDrop\": 0.1,"
            + " \"rateDropAfterCommit\": 0.15}";

    @Autowired
    private SitooClient sitoo;
    /** The gateway's own limit: both nodes here call Sitoo through the one gateway of this context. */
    @Autowired
    private SitooRateLimit rateLimit;
    @Autowired
    private FailureRecorder failures;
    @Autowired
    private JdbcTemplate jdbc;

    private final List<Node> nodes = new ArrayList<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopNodes() throws Exception {
        workers.shutdownNow();
        for (Node node : nodes) {
            node.stockIns().close();
        }
    }

    @Test
    void immediateModeLinesRacedByTwoNodesLandOnceEach() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        BigDecimal before = sandbox.stock(1, SCARF);
        List<RestockOrder> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            orders.add(seen(newId(), 1));
        }
        sandbox.sitooFaults(FAULTS);

        List<Callable<Void>> race = new ArrayList<>();
        for (RestockOrder order : orders) {
            for (Node node : List.of(a, b, a, b)) {
                race.add(() -> quietly(() -> node.restocker().restock(order)));
            }
        }
        runAll(race);

        sandbox.sitooFaults("{}");
        settleEverything(orders, List.of(a, b));

        assertEachLineOnceAsItsOwnStockIn(orders);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo(before.add(BigDecimal.valueOf(orders.size())));
    }

    @Test
    void intervalModeBatchesRacedByTwoNodesCarryEachLineOnce() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        BigDecimal stockholmBefore = sandbox.stock(1, SCARF);
        BigDecimal borasBefore = sandbox.stock(3, SCARF);
        List<RestockOrder> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RestockOrder order = seen(newId(), i % 2 == 0 ? 1 : 3);
            assertThat(ledger.queueRestock(order.itemId(), order.warehouseId(), order.sitooSku(), order.reasonCode()))
                    .isTrue();
            orders.add(order);
        }
        sandbox.sitooFaults(FAULTS);

        // Both nodes' batchers flush at once, while sweeps and single restocks (a replay, the enqueue of a line
        // whose batch went unanswered) meet the same lines.
        Instant until = Instant.now().plusSeconds(4);
        List<Callable<Void>> race = new ArrayList<>();
        for (Node node : List.of(a, b, a, b)) {
            race.add(() -> {
                while (Instant.now().isBefore(until)) {
                    quietly(node.batcher()::flushDue);
                    quietly(node.sweep()::settleUnconfirmed);
                    RestockOrder any = orders.get(ThreadLocalRandom.current().nextInt(orders.size()));
                    quietly(() -> node.restocker().restock(any));
                }
                return null;
            });
        }
        runAll(race);

        sandbox.sitooFaults("{}");
        settleEverything(orders, List.of(a, b));

        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo(stockholmBefore.add(BigDecimal.valueOf(20)));
        assertThat(sandbox.stock(3, SCARF)).isEqualByComparingTo(borasBefore.add(BigDecimal.valueOf(20)));
        JsonNode transactions = sandbox.warehouseTransactions();
        BigDecimal unitsInSitoo = BigDecimal.ZERO;
        Map<String, Integer> externalIds = new HashMap<>();
        for (JsonNode tx : transactions) {
            externalIds.merge(tx.path("externalid").asText(), 1, Integer::sum);
            for (JsonNode item : tx.path("items")) {
                unitsInSitoo = unitsInSitoo.add(new BigDecimal(item.path("decimalquantity").asText()));
            }
        }
        assertThat(externalIds).as("no stock-in posted twice").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(unitsInSitoo).as("one unit per line across every transaction")
                .isEqualByComparingTo(BigDecimal.valueOf(orders.size()));
        for (RestockOrder order : orders) {
            Long transaction = line(order.itemId()).sitooTransactionId();
            assertThat(transactions).as("%s's transaction is in Sitoo", order.itemId())
                    .anyMatch(tx -> tx.path("warehousetransactionid").asLong() == transaction);
        }
    }

    @Test
    void expiredClaimOfADeadNodeIsSettledByReadBackWithoutASecondPost() throws Exception {
        Node survivor = node("node-b");
        RestockOrder order = seen(newId(), 1);
        // The dead node stamped its intent and posted (Sitoo applied it), then died before recording the answer.
        String deadToken = new Claims("node-dead", Duration.ofMinutes(2), Clock.systemUTC()).newToken();
        assertThat(ledger.claim(order.itemId(), deadToken, Sql.utc(Instant.now().plusSeconds(60)))).isTrue();
        assertThat(ledger.recordRestockIntent(order.itemId(), 1, SCARF, order.reasonCode(),
                StockInIds.externalIdFor(order.itemId()), deadToken, Sql.utc(Instant.now().plusSeconds(60)))).isTrue();
        sitoo.postStockIns(List.of(order.stockIn()));
        BigDecimal afterFirstPost = sandbox.stock(1, SCARF);

        assertThat(survivor.sweep().settleUnconfirmed()).as("a live claim is its holder's: the sweep leaves it")
                .isZero();
        assertThat(line(order.itemId()).state()).isEqualTo(LineState.RESTOCKING);

        // The claim expires (its node never came back) and the intent is older than the settle time.
        jdbc.update("UPDATE return_line SET claim_expires_at = ?, last_post_at = ? WHERE item_id = ?",
                Sql.utc(Instant.now().minusSeconds(1)), Sql.utc(Instant.now().minus(SETTLE).minusSeconds(1)),
                order.itemId());
        assertThat(survivor.sweep().settleUnconfirmed()).isEqualTo(1);

        assertThat(line(order.itemId()).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(line(order.itemId()).stateReason()).contains("read-back");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo(afterFirstPost);
        assertThat(jdbc.queryForObject("SELECT claim_token FROM return_line WHERE item_id = ?", String.class,
                order.itemId())).as("released").isNull();
    }

    /** Retries every line not restocked yet on both nodes, as the redeliveries, sweeps and replays would. */
    private void settleEverything(List<RestockOrder> orders, List<Node> racing) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<Callable<Void>> round = new ArrayList<>();
            for (Node node : racing) {
                round.add(() -> quietly(node.batcher()::flushDue));
                round.add(() -> quietly(node.sweep()::settleUnconfirmed));
                for (RestockOrder order : orders) {
                    if (ledger.find(order.itemId()).map(l -> l.state() != LineState.RESTOCKED && !l.isQueued())
                            .orElse(false)) {
                        round.add(() -> quietly(() -> node.restocker().restock(order)));
                    }
                }
            }
            runAll(round);
            return orders.stream().allMatch(o -> line(o.itemId()).state() == LineState.RESTOCKED);
        });
    }

    private void assertEachLineOnceAsItsOwnStockIn(List<RestockOrder> orders) {
        Map<String, Integer> posted = new HashMap<>();
        sandbox.warehouseTransactions().forEach(tx -> posted.merge(tx.path("externalid").asText(), 1, Integer::sum));
        for (RestockOrder order : orders) {
            assertThat(posted.get(StockInIds.externalIdFor(order.itemId())))
                    .as("stock-ins of %s in Sitoo", order.itemId()).isEqualTo(1);
        }
        assertThat(posted).hasSize(orders.size());
    }

    private RestockOrder seen(String itemId, int warehouseId) {
        String returnId = "rt-" + itemId;
        ledger.recordSeen(new SeenLine(itemId, returnId, "RECEIVED", "ACCEPTED", SCARF, 1,
                warehouseId == 1 ? "store-stockholm-01" : "dc-boras", "A", null));
        return new RestockOrder(itemId, returnId, warehouseId, SCARF, 1, "101");
    }

    private Node node(String nodeId) {
        Claims claims = new Claims(nodeId, Duration.ofMinutes(2), Clock.systemUTC());
        StockInGroupCommit stockIns = new StockInGroupCommit(sitoo, rateLimit, Duration.ofSeconds(30));
        Restocker restocker = new Restocker(sitoo, stockIns, ledger, exceptions, Clock.systemUTC(), SETTLE, claims);
        RestockBatcher batcher = new RestockBatcher(ledger, restocker, sitoo, exceptions, failures, Clock.systemUTC(),
                Duration.ZERO, 7, SETTLE, claims);
        Node node = new Node(stockIns, restocker, batcher, new RestockSweep(ledger, restocker, failures, Clock.systemUTC()));
        nodes.add(node);
        return node;
    }

    private void runAll(List<Callable<Void>> tasks) throws Exception {
        for (Future<Void> done : workers.invokeAll(tasks)) {
            done.get();
        }
    }

    /** A failed attempt is what Camel's redelivery and the exception queue retry; here the next round does. */
    private static Void quietly(Runnable attempt) {
        try {
            attempt.run();
        } catch (RuntimeException expectedUnderFaults) {
            // retried below
        }
        return null;
    }

    private record Node(StockInGroupCommit stockIns, Restocker restocker, RestockBatcher batcher, RestockSweep sweep) {}
}
