package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.claims.ClaimRelease;
import org.returnsbridge.claims.Claims;
import org.returnsbridge.claims.ReturnClaims;
import org.returnsbridge.exceptions.ExceptionOperations;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.ExceptionStatus;
import org.returnsbridge.exceptions.ReplayOutcome;
import org.returnsbridge.exceptions.ReplayResult;
import org.returnsbridge.exceptions.Replayer;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.ledger.ReturnVersions;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.returnsbridge.webhooks.WebhookInbox;
import org.returnsbridge.webhooks.WebhookProcessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A second node beside this context's bridge, sharing its database and Sitoo: the beans a second process
 * would have, with another node identity. Webhook events and replays raced by both happen once
 * (refunds: sales.TwoNodeRefundTest; stock-ins: TwoNodeRestockTest).
 */
class TwoNodeClaimsTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private ObjectMapper json;
    @Autowired
    private ReturnParser parser;
    @Autowired
    private ReveniClient reveni;
    @Autowired
    private WebhookInbox inbox;
    @Autowired
    private WebhookProcessor processorA;
    @Autowired
    private ReturnFlow returnFlow;
    @Autowired
    private ReturnVersions versions;
    @Autowired
    private ExceptionOperations operationsA;
    @Autowired
    private Replayer replayer;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private CircuitBreaker sitooCircuitBreaker;

    private final Claims nodeB = new Claims("node-b", Duration.ofMinutes(2), Clock.systemUTC());
    private final ExecutorService workers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
        sandbox.sitooFaults("{}");
    }

    @Test
    void eventsOfOneReturnArrivingAtTwoNodesInterleavedAreProcessedInOrderOnce() throws Exception {
        WebhookProcessor processorB = new WebhookProcessor(inbox, versions, parser, reveni, returnFlow, json,
                new ReturnClaims(jdbc, nodeB), nodeB);
        String item = newId();
        ReturnJson ret = aReturn().status("received").item(item, SCARF, 1, "pending", null);
        String returnId = ret.json().path("id").asText();
        List<String> events = new ArrayList<>();
        Instant state = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < 8; i++) {
            ReturnJson version = i < 4 ? aReturn().status("received").item(item, SCARF, 1, "pending", null)
                    : aReturn().sellable(item, SCARF, 1);
            version.json().put("id", returnId).put("updated_at", state.plusSeconds(60L * i).toString());
            String eventId = "ev-" + i + "-" + newId();
            assertThat(inbox.store(new WebhookInbox.Event(eventId, "return.updated", returnId, event(eventId, version))))
                    .isTrue();
            events.add(eventId);
            Thread.sleep(2); // distinct arrival times: the order a holder takes them in
        }

        // Each event is handed to both nodes, newest first, as a load balancer and the inbox sweeps might.
        List<Callable<Void>> deliveries = new ArrayList<>();
        for (String eventId : events) {
            deliveries.add(() -> {
                processorA.process(eventId);
                return null;
            });
            deliveries.add(() -> {
                processorB.process(eventId);
                return null;
            });
        }
        Collections.reverse(deliveries);
        runAll(deliveries);

        assertThat(events).as("every event taken in arrival order: none found older than one already processed")
                .allSatisfy(id -> assertThat(inbox.status(id)).as(id).isEqualTo("PROCESSED"));
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(sandbox.warehouseTransactions()).as("restocked once").hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM return_claim", Integer.class)).as("released").isZero();
    }

    @Test
    void twoReplaysOfOneCategoryAtOnceMoveStockOnceAndResolveEachRecordOnce() throws Exception {
        ExceptionOperations operationsB = new ExceptionOperations(exceptions, replayer, nodeB);
        BigDecimal before = sandbox.stock(1, SCARF);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String item = newId();
            items.add(item);
            sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        }
        sandbox.sitooFaults("{\"rate429\": 1.0}"); // turned away: certainly not applied, intents void
        poll();
        List<ExceptionRecord> open = items.stream().map(item -> exceptionsFor(item).get(0)).toList();
        ExceptionCategory category = open.get(0).category();
        assertThat(open).allSatisfy(r -> assertThat(r.category()).isEqualTo(category));
        sandbox.sitooFaults("{\"latencyMillis\": 50}");
        sitooCircuitBreaker.reset(); // the refusals opened the circuit; Sitoo is back

        List<List<ReplayResult>> results = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> replays = new ArrayList<>();
        for (ExceptionOperations operations : List.of(operationsA, operationsB, operationsA, operationsB)) {
            replays.add(() -> {
                results.add(operations.replayCategory(category));
                return null;
            });
        }
        runAll(replays);

        Map<Long, Integer> replayedThrough = new HashMap<>();
        results.stream().flatMap(List::stream).filter(r -> r.message().startsWith("replayed:"))
                .forEach(r -> replayedThrough.merge(r.id(), 1, Integer::sum));
        for (ExceptionRecord record : open) {
            ExceptionRecord after = exceptions.find(record.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(ExceptionStatus.RESOLVED);
            assertThat(replayedThrough.getOrDefault(record.id(), 0)).as("replays of #%s that ran", record.id())
                    .isLessThanOrEqualTo(1);
        }
        Map<String, Integer> posted = new HashMap<>();
        sandbox.warehouseTransactions().forEach(tx -> posted.merge(tx.path("externalid").asText(), 1, Integer::sum));
        for (String item : items) {
            assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
            assertThat(posted.get(StockInIds.externalIdFor(item))).as("stock-ins of %s", item).isEqualTo(1);
        }
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo(before.add(BigDecimal.valueOf(items.size())));
    }

    @Test
    void aReplayRunningOnAnotherNodeAnswersInProgressAndALapsedOneIsTakenOver() {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());
        sandbox.sitooFaults("{\"rate429\": 1.0}");
        poll();
        sandbox.sitooFaults("{}");
        sitooCircuitBreaker.reset(); // the refusals opened the circuit; Sitoo is back
        long id = exceptionsFor(item).get(0).id();
        String otherReplay = nodeB.newToken();
        assertThat(exceptions.startReplay(id, otherReplay, nodeB.expiry())).isTrue();

        ReplayResult second = operationsA.replay(id);

        assertThat(second.outcome()).isEqualTo(ReplayOutcome.IN_PROGRESS);
        assertThat(second.message()).contains("node-b");
        assertThat(line(item).state()).as("nothing ran").isNotEqualTo(LineState.RESTOCKED);

        // node-b died mid-replay: once its replay lapsed, the sweep's reopening and a new replay finish the work.
        jdbc.update("UPDATE exception_record SET replay_expires_at = ? WHERE id = ?",
                org.returnsbridge.support.Sql.utc(Instant.now().minusSeconds(1)), id);
        assertThat(exceptions.reopenInterruptedReplays()).isEqualTo(1);
        assertThat(operationsA.replay(id).outcome()).isEqualTo(ReplayOutcome.RESOLVED);
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
    }

    @Test
    void onShutdownANodeReleasesItsOwnClaimsAndNoOneElses() {
        Claims nodeA = new Claims("node_a", Duration.ofMinutes(2), Clock.systemUTC());
        Claims nodeAb = new Claims("nodeXa", Duration.ofMinutes(2), Clock.systemUTC()); // '_' is no wildcard here
        String mine = newId();
        String theirs = newId();
        String lookalike = newId();
        for (String item : List.of(mine, theirs, lookalike)) {
            ledger.recordSeen(new org.returnsbridge.ledger.SeenLine(item, "rt-" + item, "RECEIVED", "ACCEPTED", SCARF, 1,
                    "store-stockholm-01", "A", null));
        }
        assertThat(ledger.claim(mine, nodeA.newToken(), nodeA.expiry())).isTrue();
        assertThat(ledger.claim(theirs, nodeB.newToken(), nodeB.expiry())).isTrue();
        assertThat(ledger.claim(lookalike, nodeAb.newToken(), nodeAb.expiry())).isTrue();
        new ReturnClaims(jdbc, nodeA).tryClaim("rt-" + mine, nodeA.newToken());

        assertThat(new ClaimRelease(jdbc, nodeA).releaseAll()).isEqualTo(2);

        assertThat(claimOf(mine)).isNull();
        assertThat(claimOf(theirs)).startsWith("node-b#");
        assertThat(claimOf(lookalike)).startsWith("nodeXa#");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM return_claim", Integer.class)).isZero();
    }

    private String claimOf(String itemId) {
        return jdbc.queryForObject("SELECT claim_token FROM return_line WHERE item_id = ?", String.class, itemId);
    }

    private static String event(String id, ReturnJson ret) {
        ObjectNode event = JSON.createObjectNode().put("id", id).put("event", "return.updated")
                .put("created", Instant.now().getEpochSecond());
        event.putObject("data").put("status", ret.json().path("status").asText()).put("resource", "return")
                .put("resource_id", ret.json().path("id").asText()).set("object", ret.json().deepCopy());
        return event.toString();
    }

    private void runAll(List<Callable<Void>> tasks) throws Exception {
        for (Future<Void> done : workers.invokeAll(tasks)) {
            done.get();
        }
    }
}
