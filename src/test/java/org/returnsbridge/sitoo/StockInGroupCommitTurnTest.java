package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit meeting a full rate-limit window, on the real clock: the lines that arrive while it waits for
 * a turn all go in that turn's request. A gateway stand-in spends the turns exactly as the real one does and
 * answers as Sitoo would, so the requests' make-up is what is measured.
 */
class StockInGroupCommitTurnTest {

    private final ObjectMapper json = new ObjectMapper();
    /** One call per 1.05 s: a window a test can fill and watch roll. */
    private final SitooRateLimit oneASecond = new SitooRateLimit(1);
    private final List<List<String>> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong(100);
    /** Turns the stand-in had to take itself: none, when every request comes on the turn its sender took. */
    private final AtomicLong ownTurns = new AtomicLong();
    private final SitooCall stockInsRoute = request -> {
        try {
            if (request.turn() == null || !request.turn().spendOn(oneASecond)) {
                ownTurns.incrementAndGet();
                oneASecond.awaitTurn();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return answer(request);
    };
    private final SitooClient sitoo = new SitooClient(new SitooGateway(stockInsRoute, null, null, null),
            new SitooConnection("http://sitoo.invalid", "api", "secret", 1), json);
    private final StockInGroupCommit stockIns = new StockInGroupCommit(sitoo, oneASecond, Duration.ofSeconds(30));

    @AfterEach
    void stop() throws InterruptedException {
        stockIns.close();
    }

    @Test
    void linesArrivingWhileTheWindowIsFullAllGoInItsNextTurn() throws Exception {
        long started = System.nanoTime();
        assertThat(stockIns.post(stockIn("rv-a"))).as("a lone stock-in goes at once").isPositive();

        // The window is now full for about a second; three lines come in over 300 ms of it.
        List<CompletableFuture<Long>> later = new ArrayList<>();
        for (String id : List.of("rv-b", "rv-c", "rv-d")) {
            later.add(CompletableFuture.supplyAsync(() -> stockIns.post(stockIn(id))));
            Thread.sleep(100);
        }
        for (CompletableFuture<Long> answer : later) {
            assertThat(answer.get()).isPositive();
        }

        assertThat(requests).as("one turn for the three, not a turn for the first of them and another for the rest")
                .containsExactly(List.of("rv-a"), List.of("rv-b", "rv-c", "rv-d"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the second request went in the window's next turn")
                .isGreaterThanOrEqualTo(SitooRateLimit.WINDOW).isLessThan(SitooRateLimit.WINDOW.multipliedBy(2));
        assertThat(ownTurns).as("each request went on its sender's turn, none took a second").hasValue(0);
    }

    /** A return's lines are decided a few ms apart: the first waits for the others instead of spending a turn alone. */
    @Test
    void aRequestWaitsForTheLinesThatComeRightAfterItsFirst() throws Exception {
        SitooRateLimit tenASecond = new SitooRateLimit(10);
        SitooClient client = new SitooClient(new SitooGateway(request -> {
            request.turn().spendOn(tenASecond);
            return answer(request);
        }, null, null, null), new SitooConnection("http://sitoo.invalid", "api", "secret", 1), json);
        // Gathering stretched to 400 ms so that a busy machine's scheduling cannot decide the outcome.
        try (StockInGroupCommit gathering = new StockInGroupCommit(client, tenASecond, Duration.ofSeconds(30),
                Duration.ofMillis(400))) {
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> gathering.post(stockIn("rv-first")));
            Thread.sleep(100);
            assertThat(gathering.post(stockIn("rv-second"))).isPositive();
            assertThat(first.get()).isPositive();
        }

        assertThat(requests).as("one request for both").containsExactly(List.of("rv-first", "rv-second"));
    }

    private static StockIn stockIn(String externalId) {
        return new StockIn(1, "10038-1", BigDecimal.ONE, externalId, null, "turn test");
    }

    /** Sitoo's answer: a bare id for one transaction, one envelope per transaction for several. */
    private JsonNode answer(SitooRequest request) {
        try {
            JsonNode body = json.readTree(request.body());
            List<String> externalIds = new ArrayList<>();
            body.forEach(tx -> externalIds.add(tx.path("externalid").asText()));
            requests.add(externalIds);
            if (body.size() == 1) {
                return json.getNodeFactory().numberNode(ids.incrementAndGet());
            }
            ArrayNode envelopes = json.createArrayNode();
            body.forEach(tx -> envelopes.addObject().put("statuscode", 200).put("return", ids.incrementAndGet()));
            return envelopes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
