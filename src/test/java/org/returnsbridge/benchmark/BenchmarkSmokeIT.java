package org.returnsbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harness working in the normal {@code mvn verify}: every scenario at a toy size (a
 * couple of hundred returns, a naive sample of twenty, a few seconds of steady webhooks, a tiny memory run).
 * It asserts correctness only — stock exact, nothing doubled, a row per scenario, both files written —
 * never a timing: CI machines vary too much for that.
 */
class BenchmarkSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyScenarioRunsAndEndsWithExactStock() throws Exception {
        // The Sitoo latency and rate limit (so 429s happen and are counted); everything else small.
        // The immediate-mode backlog and the memory run are the same code as the interval backlog with other
        // settings, so the smoke leaves them out to stay near a minute.
        BenchmarkSettings settings = new BenchmarkSettings(
                20_261_127L, 200, 20, 400, "256m", 400, "512m", "384m", "512m",
                20, 10, 40, 5,
                List.of(5), List.of(BenchmarkSettings.SteadyCache.WARM), 8, 1, 4,
                "0/1 * * * * ?", 3,
                List.of(BenchmarkSettings.Scenario.INTERVAL, BenchmarkSettings.Scenario.NAIVE,
                        BenchmarkSettings.Scenario.STEADY),
                Path.of("target", "benchmark-smoke"),
                // A short interval window: the toy backlog would otherwise wait out the 10 s default.
                Map.of("BRIDGE_SYNC_WINDOW", "PT2S"),
                List.of(),
                "h2",
                BenchmarkSettings.Cluster.DEFAULT);

        BenchmarkRunner.Outcome outcome = BenchmarkRunner.run(settings);

        assertThat(outcome.incorrect()).as("scenarios without exact stock").isEmpty();
        assertThat(outcome.results()).extracting(r -> r.scenario)
                .containsExactly("backlog-interval", "naive", "steady-5-warm");
        for (ScenarioResult result : outcome.results()) {
            assertThat(result.duplicateStockIns).as(result.scenario + " duplicates").isZero();
            assertThat(result.sitooCalls).as(result.scenario + " Sitoo calls counted").isPositive();
        }
        ScenarioResult steady = outcome.results().get(2);
        assertThat(steady.measuredStockIns).as("the steady state timed some stock-ins").isPositive();
        assertThat(steady.missingStockIns).isZero();
        assertThat(steady.unmatchedDeliveries).isZero();
        assertThat(outcome.results().get(1).fullBacklogExtrapolated).as("the naive run was a sample").isTrue();
        assertThat(outcome.results().get(0).ledgerAsExpected).as("every ledger line where it must end").isTrue();

        JsonNode json = JSON.readTree(Files.readString(outcome.json()));
        assertThat(json.path("scenarios")).hasSize(3);
        // Every goal of the issue has its row, judged or not; the toy sizes judge none of the size-bound ones.
        assertThat(json.path("goals")).hasSize(9);
        assertThat(json.path("goals").findValuesAsText("result")).doesNotContain("met");
        String markdown = Files.readString(outcome.markdown());
        for (ScenarioResult result : outcome.results()) {
            assertThat(markdown).contains("| " + result.scenario);
        }
        assertThat(markdown).contains("## Goals", "extrapolated");
    }
}
