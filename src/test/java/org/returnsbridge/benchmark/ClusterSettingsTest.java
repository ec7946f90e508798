package org.returnsbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The cluster scenario's settings and its end condition, without starting anything. */
class ClusterSettingsTest {

    @Test
    void defaultsRunOneTwoAndThreeNodesAgainstARaisedRateLimit() {
        BenchmarkSettings settings = BenchmarkSettings.from(properties(Map.of("benchmark.scenarios", "cluster")));

        assertThat(settings.scenarios()).containsExactly(BenchmarkSettings.Scenario.CLUSTER);
        assertThat(settings.cluster()).isEqualTo(new BenchmarkSettings.Cluster(List.of(1, 2, 3), 10_000, 2, "immediate"));
        BenchmarkSettings sitoo = settings.withClusterSitoo();
        assertThat(sitoo.rateLimit()).isEqualTo(10_000);
        assertThat(sitoo.sitooFaultsJson()).contains("\"latencyMillis\": 2", "\"rateLimitPerSecond\": 10000");
        assertThat(settings.rateLimit()).as("the other scenarios keep the issue's Sitoo").isEqualTo(10);
    }

    @Test
    void everyClusterKnobIsASystemProperty() {
        BenchmarkSettings settings = BenchmarkSettings.from(properties(Map.of(
                "benchmark.clusterNodes", "1, 2", "benchmark.clusterRateLimit", "500",
                "benchmark.clusterLatencyMillis", "0", "benchmark.clusterSyncMode", "interval")));

        assertThat(settings.cluster()).isEqualTo(new BenchmarkSettings.Cluster(List.of(1, 2), 500, 0, "interval"));
    }

    @Test
    void bridgeJvmOptionsAreSplitOnSpacesAndNoneByDefault() {
        assertThat(BenchmarkSettings.from(properties(Map.of())).bridgeJvmArgs()).isEmpty();
        BenchmarkSettings settings = BenchmarkSettings.from(properties(Map.of("benchmark.jvmArgs",
                " -XX:FlightRecorderOptions:stackdepth=256  -XX:StartFlightRecording=filename=a.jfr,settings=profile ")));

        assertThat(settings.bridgeJvmArgs()).containsExactly("-XX:FlightRecorderOptions:stackdepth=256",
                "-XX:StartFlightRecording=filename=a.jfr,settings=profile");
    }

    @Test
    void nonsenseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> BenchmarkSettings.from(properties(Map.of("benchmark.clusterNodes", "1,two"))))
                .hasMessageContaining("benchmark.clusterNodes");
        assertThatThrownBy(() -> BenchmarkSettings.from(properties(Map.of("benchmark.clusterNodes", "0"))))
                .hasMessageContaining("benchmark.clusterNodes");
        assertThatThrownBy(() -> BenchmarkSettings.from(properties(Map.of("benchmark.clusterSyncMode", "batch"))))
                .hasMessageContaining("benchmark.clusterSyncMode");
    }

    @Test
    void theDrainIsReachedWhenEveryExpectedLevelIsCoveredEvenWithSurplus() {
        var a = new ExpectedOutcome.StockKey(1, "A");
        var b = new ExpectedOutcome.StockKey(2, "B");
        Map<ExpectedOutcome.StockKey, Long> wanted = Map.of(a, 2L, b, 1L);

        assertThat(ClusterScenario.covers(Map.of(a, 2L, b, 1L), wanted)).isTrue();
        assertThat(ClusterScenario.covers(Map.of(a, 3L, b, 1L), wanted)).as("a double post still ends the drain").isTrue();
        assertThat(ClusterScenario.covers(Map.of(a, 2L), wanted)).isFalse();
        assertThat(ClusterScenario.covers(Map.of(a, 1L, b, 5L), wanted)).isFalse();
    }

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
