package org.returnsbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The benchmark command's entry point: {@code mvn -B -ntp verify -Pbenchmark [-Dbenchmark.returns=...]}.
 * Not an {@code *IT}, so the normal {@code mvn verify} never runs it; the {@code benchmark} profile runs this
 * class alone through failsafe, after the jar is packaged. It fails only when a scenario did not finish with
 * Sitoo's stock exactly right; goals missed are reported, not failed.
 */
class BenchmarkRun {

    @Test
    void benchmark() throws Exception {
        BenchmarkRunner.Outcome outcome = BenchmarkRunner.run(BenchmarkSettings.fromSystemProperties());
        assertThat(outcome.incorrect()).as("scenarios that did not finish with exact stock (see " + outcome.markdown() + ")")
                .isEmpty();
    }
}
