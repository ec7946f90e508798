package org.returnsbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The goals table is the same whatever the run's size, and a small run cannot pass for a full one: a goal
 * whose scenario (or size) did not run says so, never "met", and every judged row carries its sample sizes
 * and whether its figure was extrapolated.
 */
class BenchmarkReportTest {

    @Test
    void aQuickRunJudgesOnlyTheGoalsOfItsOwnSizeAndSaysWhatItExtrapolated() {
        BenchmarkSettings settings = settings(Map.of("returns", "2000", "naiveReturns", "100",
                "scenarios", "interval,steady,naive", "steadyRates", "20", "steadyCaches", "warm"));
        ScenarioResult interval = interval(2_000, 4_975, 3_800L, 9L, 50.0);
        ScenarioResult naive = naive(100, 2_000, 240, 4_975, 1_000.0);
        ScenarioResult steady = steady(20, "warm", 40, 180L);

        List<Goal> goals = new BenchmarkReport(settings, List.of(interval, steady, naive)).goals();

        assertThat(goals).hasSize(9);
        Goal coldSmall = goal(goals, "2,000-return");
        assertThat(coldSmall.result()).isEqualTo("met");
        assertThat(coldSmall.sample()).isEqualTo("2,000 returns, 4,975 lines, 3,800 restocked units");
        assertThat(coldSmall.basis()).isEqualTo(Goal.MEASURED);

        Goal coldLarge = goal(goals, "10,000-return");
        assertThat(coldLarge.result()).isEqualTo("not run at 10,000 returns (this run: 2,000)");
        assertThat(coldLarge.basis()).as("nothing was measured for it").isEqualTo("—");

        Goal ratio = goal(goals, "faster than the naive baseline");
        assertThat(ratio.result()).as("a 2 000-return ratio is not the 10 000-return goal").isEqualTo("not comparable");
        assertThat(ratio.basis()).isEqualTo(Goal.EXTRAPOLATED);
        assertThat(ratio.sample()).contains("interval: 2,000 returns", "naive: 100 of 2,000 returns (240 of 4,975 lines) run");
        assertThat(ratio.margin()).startsWith("ran 2,000 returns; the goal is at 10,000; at this size: missed by");

        Goal warm20 = goal(goals, "20 changes/s, product cache warm");
        assertThat(warm20.result()).isEqualTo("met");
        assertThat(warm20.measured()).contains("p99 is the slowest one");
        assertThat(warm20.sample()).startsWith("40 stock-ins timed");
        for (String notRun : List.of("20 changes/s, product cache cold", "100 changes/s, product cache warm",
                "100 changes/s, product cache cold", "100,000-line", "1,000,000-line")) {
            assertThat(goal(goals, notRun).result()).as(notRun).isEqualTo(Goal.NOT_RUN);
        }
        assertThat(goals).filteredOn(Goal::met).hasSize(2);
    }

    @Test
    void aFullRunJudgesTheBacklogRatioAndSlowWebhooksMiss() {
        BenchmarkSettings settings = settings(Map.of("scenarios", "interval,steady,naive"));
        ScenarioResult interval = interval(10_000, 24_875, 19_146L, 22L, 40.0);
        ScenarioResult naive = naive(10_000, 10_000, 24_875, 24_875, 4_400.0);
        ScenarioResult cold100 = steady(100, "cold", 2_000, 700L);

        List<Goal> goals = new BenchmarkReport(settings, List.of(interval, cold100, naive)).goals();

        Goal ratio = goal(goals, "faster than the naive baseline");
        assertThat(ratio.result()).isEqualTo("met");
        assertThat(ratio.basis()).isEqualTo(Goal.MEASURED);
        assertThat(ratio.measured()).startsWith("110×");
        assertThat(goal(goals, "10,000-return").result()).isEqualTo("met");
        assertThat(goal(goals, "2,000-return").result()).startsWith("not run at 2,000 returns");
        Goal cold = goal(goals, "100 changes/s, product cache cold");
        assertThat(cold.result()).isEqualTo("missed");
        assertThat(cold.margin()).startsWith("missed by 200 ms");
        assertThat(cold.measured()).doesNotContain("slowest one");
    }

    @Test
    void aScenarioThatDidNotEndExactlyIsNeverMet() {
        BenchmarkSettings settings = settings(Map.of("returns", "2000", "scenarios", "interval"));
        ScenarioResult interval = interval(2_000, 4_975, 3_800L, 9L, 50.0);
        interval.stockExact = false;

        List<Goal> goals = new BenchmarkReport(settings, List.of(interval)).goals();

        assertThat(goal(goals, "2,000-return").result()).startsWith("not judged");
        assertThat(goals).noneMatch(Goal::met);
    }

    @Test
    void theMarkdownPrintsSampleAndBasisBesideEveryGoalAndEverySteadyRow() {
        BenchmarkSettings settings = settings(Map.of("returns", "2000", "naiveReturns", "100",
                "scenarios", "interval,steady,naive"));
        BenchmarkReport report = new BenchmarkReport(settings, List.of(interval(2_000, 4_975, 3_800L, 9L, 50.0),
                steady(20, "warm", 400, 120L), steady(20, "cold", 380, 900L), naive(100, 2_000, 240, 4_975, 1_000.0)));

        String markdown = report.markdown();

        assertThat(markdown).contains("| goal | target | measured | sample | basis | result | by how much |",
                "| steady-20-warm | 20 | warm |", "| steady-20-cold | 20 | cold |", "**extrapolated** from a sample",
                "Sample sizes: interval 2,000 returns", "| extrapolated | not comparable |");
    }

    @Test
    void theMillionLineGoalIsOneRowJudgedFromTheDayRunsHeapAfterGc() {
        BenchmarkSettings settings = settings(Map.of("scenarios", "memory-day"));
        ScenarioResult flatDay = day(1_000_000, "512m", new double[] {120, 126});
        ScenarioResult risingDay = day(1_000_000, "512m", new double[] {120, 190});

        List<Goal> flat = new BenchmarkReport(settings, List.of(flatDay)).goals();
        List<Goal> rising = new BenchmarkReport(settings, List.of(risingDay)).goals();

        assertThat(flat).hasSize(9).filteredOn(g -> g.goal().contains("1,000,000-line")).hasSize(1);
        Goal met = goal(flat, "1,000,000-line");
        assertThat(met.result()).isEqualTo("met");
        assertThat(met.basis()).isEqualTo(Goal.MEASURED);
        assertThat(met.measured()).contains("reconciled in", "120 → 126 MB");
        assertThat(goal(flat, "100,000-line").result()).as("the day run is not the 100 000-line memory run")
                .isEqualTo(Goal.NOT_RUN);
        assertThat(goal(rising, "1,000,000-line").result()).isEqualTo("missed");
    }

    @Test
    void aShortDayRunShowsItsHeapVerdictOnlyAsAHint() {
        BenchmarkSettings settings = settings(Map.of("scenarios", "memory-day"));
        ScenarioResult shortDay = day(30_000, "512m", new double[] {100, 104});
        ScenarioResult unreconciled = day(1_000_000, "512m", new double[] {100, 104});
        unreconciled.reconciliationSeconds = null;

        Goal hint = goal(new BenchmarkReport(settings, List.of(shortDay)).goals(), "1,000,000-line");
        Goal notReconciled = goal(new BenchmarkReport(settings, List.of(unreconciled)).goals(), "1,000,000-line");

        assertThat(hint.result()).isEqualTo("not comparable");
        assertThat(hint.margin()).startsWith("ran 30,000 lines with -Xmx512m; the goal is 1,000,000 lines")
                .contains("heap flat");
        assertThat(notReconciled.result()).isEqualTo("missed");
    }

    private static ScenarioResult day(int lines, String heap, double[] thirds) {
        ScenarioResult r = exact(new ScenarioResult(BenchmarkSettings.Scenario.DAY.id(), "day"));
        r.returns = lines * 2 / 5;
        r.lines = lines;
        r.restockUnits = lines * 3L / 4;
        r.drainSeconds = 3_000.0;
        r.bridgeHeapLimit = heap;
        r.reconciliationSeconds = 90.0;
        r.reconciliationFindings = 0L;
        List<HeapTrend.Sample> samples = List.of(new HeapTrend.Sample(10, thirds[0], "drain"),
                new HeapTrend.Sample(20, thirds[0], "drain"), new HeapTrend.Sample(30, thirds[1], "reconciliation"));
        BacklogDrainScenario.recordTrend(r, samples);
        return r;
    }

    private static Goal goal(List<Goal> goals, String part) {
        return goals.stream().filter(g -> g.goal().contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no goal about " + part + " in " + goals));
    }

    private static BenchmarkSettings settings(Map<String, String> values) {
        Properties properties = new Properties();
        values.forEach((k, v) -> properties.setProperty(BenchmarkSettings.PREFIX + k, v));
        return BenchmarkSettings.from(properties).withOutputDir(Path.of("target", "benchmark-report-test"));
    }

    private static ScenarioResult exact(ScenarioResult r) {
        r.finished = true;
        r.stockExact = true;
        r.duplicateStockIns = 0;
        return r;
    }

    private static ScenarioResult interval(int returns, int lines, long units, long calls, double drainSeconds) {
        ScenarioResult r = exact(new ScenarioResult("backlog-interval", "interval"));
        r.returns = returns;
        r.lines = lines;
        r.restockUnits = units;
        r.sitooCalls = calls;
        r.sitooCallsByKind = Map.of("GET products (catalogue page)", 4L, "POST stock-in", calls - 4);
        r.sitooCallsPerRestockedUnit = Math.round(calls * 10_000.0 / units) / 10_000.0;
        r.drainSeconds = drainSeconds;
        return r;
    }

    private static ScenarioResult naive(int returns, int fullReturns, int lines, int fullLines, double fullSeconds) {
        ScenarioResult r = exact(new ScenarioResult(NaiveBaselineScenario.ID, "naive"));
        r.returns = returns;
        r.lines = lines;
        r.sample = returns < fullReturns;
        r.fullBacklogReturns = fullReturns;
        r.fullBacklogLines = fullLines;
        r.fullBacklogDrainSeconds = fullSeconds;
        r.fullBacklogExtrapolated = returns < fullReturns;
        return r;
    }

    private static ScenarioResult steady(int rate, String cache, int stockIns, long p99) {
        ScenarioResult r = exact(new ScenarioResult("steady-" + rate + "-" + cache, "steady"));
        r.steadyRate = rate;
        r.cacheAtStart = cache;
        r.eventsSent = rate * 70;
        r.primingReturns = "warm".equals(cache) ? 30 : 0;
        r.measuredStockIns = stockIns;
        r.latencyP50Millis = p99 / 3;
        r.latencyP95Millis = p99 / 2;
        r.latencyP99Millis = p99;
        r.latencyMaxMillis = p99 + 10;
        return r;
    }
}
