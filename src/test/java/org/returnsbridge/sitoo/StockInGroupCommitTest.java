package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Immediate mode's group commit: stock-ins posted at the same moment share a request, each keeps its own fate. */
class StockInGroupCommitTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";

    @Autowired
    private StockInGroupCommit stockIns;

    @Test
    void concurrentStockInsShareRequestsAndEachGetsItsOwnTransaction() throws Exception {
        sandbox.sitooFaults("{\"latencyMillis\": 300}"); // while one request is out, the others gather
        List<CompletableFuture<Long>> answers = postConcurrently(20, i -> SCARF);

        Set<Long> ids = new HashSet<>();
        for (CompletableFuture<Long> answer : answers) {
            ids.add(answer.get());
        }
        assertThat(ids).as("a transaction per stock-in").hasSize(20);
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).as("far fewer requests than stock-ins")
                .isBetween(1, 5);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("20");
        Set<String> externalIds = new HashSet<>();
        for (JsonNode tx : sandbox.warehouseTransactions()) {
            externalIds.add(tx.path("externalid").asText());
            assertThat(tx.path("items")).hasSize(1);
        }
        assertThat(externalIds).hasSize(20);
    }

    @Test
    void aRefusedStockInFailsOnlyItsOwnCaller() throws Exception {
        sandbox.sitooFaults("{\"latencyMillis\": 300}");
        List<CompletableFuture<Long>> answers = postConcurrently(8, i -> i == 5 ? "NO-SUCH-SKU" : SCARF);

        for (int i = 0; i < answers.size(); i++) {
            CompletableFuture<Long> answer = answers.get(i);
            if (i == 5) {
                assertThat(answer).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableThat()
                        .havingCause().isInstanceOf(SitooRejectedException.class).withMessageContaining("NO-SUCH-SKU");
            } else {
                assertThat(answer.get()).isPositive();
            }
        }
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("7");
    }

    /** The sender never resends: each caller learns "not applied" and its own retry budget takes over. */
    @Test
    void aThrottledRequestFailsEachOfItsCallersAsNotApplied() throws Exception {
        sandbox.sitooFaults("{\"rate429\": 1.0, \"latencyMillis\": 100}");
        List<CompletableFuture<Long>> answers = postConcurrently(6, i -> SCARF);

        for (CompletableFuture<Long> answer : answers) {
            assertThat(answer).failsWithin(java.time.Duration.ofSeconds(5)).withThrowableThat().havingCause()
                    .isInstanceOfSatisfying(SitooUnavailableException.class, e -> assertThat(e.wasNotApplied()).isTrue());
        }
        assertThat(sandbox.callsAnswered("sitoo", 429)).as("one 429 per request, none resent")
                .isEqualTo(sandbox.calls("sitoo POST warehousetransactions"));
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("0");
    }

    @Test
    void aLoneStockInGoesAtOnceInARequestOfItsOwn() {
        long id = stockIns.post(new StockIn(1, SCARF, BigDecimal.ONE, "rv-alone", null, "one line"));

        assertThat(id).isPositive();
        assertThat(sandbox.calls("sitoo POST warehousetransactions")).isEqualTo(1);
    }

    private List<CompletableFuture<Long>> postConcurrently(int count, java.util.function.IntFunction<String> skuOf) {
        ExecutorService callers = Executors.newFixedThreadPool(count);
        try {
            List<CompletableFuture<Long>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StockIn stockIn = new StockIn(1, skuOf.apply(i), BigDecimal.ONE, "rv-group-" + i, null, "line " + i);
                answers.add(CompletableFuture.supplyAsync(() -> stockIns.post(stockIn), callers));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).handle((ok, failed) -> null).join();
            return answers;
        } finally {
            callers.shutdown();
        }
    }
}
