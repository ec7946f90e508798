package org.returnsbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names the "names are real" checks hold against a scrape: metrics only, never functions, labels or keywords. */
class PromQlTest {

    @Test
    void keepsMetricNamesAndDropsFunctionsLabelsRangesAndKeywords() {
        String expression = """
                sum by (job) (rate(bridge_vendor_calls_seconds_count{vendor="sitoo",status_class=~"429|5xx"}[5m]))
                  / sum without (instance) (rate(bridge_vendor_calls_seconds_count[$__rate_interval])) > 0.2
                and on (job) time() - max(process_start_time_seconds offset 5m) > 1e3
                or histogram_quantile(0.99, sum by (le) (rate(bridge_vendor_calls_seconds_bucket{job="$job"}[5m])))
                unless up == bool 0""";

        assertThat(PromQl.metricNames(expression)).containsExactly("bridge_vendor_calls_seconds_bucket",
                "bridge_vendor_calls_seconds_count", "process_start_time_seconds", "up");
    }

    @Test
    void theLabelsEachMetricIsMatchedOn() {
        String expression = "min by (job) (bridge_vendor_circuit_state{vendor=\"sitoo\", state!~'half_open|open'}) == 0"
                + " and rate(bridge_vendor_calls_seconds_count{status_class=~\"429|5xx\",vendor=\"a}b\"}[5m]) > 0 or up";

        assertThat(PromQl.matchedLabels(expression))
                .containsEntry("bridge_vendor_circuit_state", java.util.Set.of("vendor", "state"))
                .containsEntry("bridge_vendor_calls_seconds_count", java.util.Set.of("status_class", "vendor"))
                .doesNotContainKey("up");
    }

    @Test
    void aLabelValueThatLooksLikeAMetricIsNotOne() {
        assertThat(PromQl.metricNames("bridge_returns{state=\"awaiting_goods\"} > label_replace(x, \"a\", \"b\", \"c\", \"d\")"))
                .containsExactly("bridge_returns", "x");
    }
}
