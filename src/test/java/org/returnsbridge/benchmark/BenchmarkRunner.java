package org.returnsbridge.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the scenarios the settings name, one after the other (the machine has few cores: overlapping runs
 * would measure each other), then writes the report. A scenario that fails still gets its row, with the
 * reason, and the others still run.
 */
public final class BenchmarkRunner {

    /** What a run produced: every scenario's result and the files written. */
    public record Outcome(List<ScenarioResult> results, Path json, Path markdown, String markdownText) {

        /** Scenarios that did not finish with Sitoo's stock exactly as expected (timings never count here). */
        public List<String> incorrect() {
            return results.stream().filter(r -> !r.correct())
                    .map(r -> r.scenario + ": " + (r.error != null ? r.error : "stock not exact")).toList();
        }
    }

    private BenchmarkRunner() {
    }

    public static Outcome run(BenchmarkSettings settings) throws IOException {
        Console.say("settings: " + settings);
        BenchmarkCatalogue catalogue = new BenchmarkCatalogue(settings.seed(), settings.skus(), settings.locations());
        List<ScenarioResult> results = new ArrayList<>();
        for (BenchmarkSettings.Scenario scenario : settings.scenarios()) {
            Console.say("=== scenario " + scenario.id());
            List<ScenarioResult> scenarioResults = switch (scenario) {
                case INTERVAL -> List.of(BacklogDrainScenario.backlog(settings, catalogue, "interval").run());
                case IMMEDIATE -> List.of(BacklogDrainScenario.backlog(settings, catalogue, "immediate").run());
                case NAIVE -> List.of(new NaiveBaselineScenario(settings, catalogue).run());
                case STEADY -> SteadyWebhooksScenario.runAll(settings, catalogue); // a row per rate and cache state
                case MEMORY -> List.of(BacklogDrainScenario.memory(settings, catalogue).run());
                case DAY -> List.of(BacklogDrainScenario.day(settings, catalogue).run());
                case CLUSTER -> new ClusterScenario(settings, catalogue).run(); // a row per node count
            };
            results.addAll(scenarioResults);
        }
        BenchmarkReport report = new BenchmarkReport(settings, results);
        List<Path> files = report.write();
        String markdown = report.markdown();
        Console.say("results:\n\n" + markdown);
        Console.say("Benchmark results written to " + files.get(0).toAbsolutePath() + " and " + files.get(1).toAbsolutePath());
        return new Outcome(List.copyOf(results), files.get(0), files.get(1), markdown);
    }
}
