package org.returnsbridge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.Promtool;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The bridge's own Prometheus page, after real traffic (a restock and an exception), passes Prometheus's
 * own linter: snake_case label names, a help text on every metric, no clashing types. Without promtool
 * ({@link Promtool}) this test fails rather than quietly passing.
 */
class PromtoolMetricsTest extends SandboxedBridgeTest {

    @Test
    void prometheusPagePassesPromtoolAfterARestockAndAnException() throws Exception {
        sandbox.putReturn(aReturn().location("store-goteborg-01").sellable(newId(), "10038-1", 1).json());
        sandbox.putReturn(aReturn().sellable(newId(), "99999-9", 1).json());
        poll();

        // A first scrape records an HTTP server request and a client call (the test's own), so the page checked
        // holds the HTTP meters whatever ran before this test in the shared context.
        scrape();
        String page = scrape();
        assertThat(page).contains("camel_exchanges_total{");

        Promtool.Result result = Promtool.runWithInput(page, "check", "metrics");
        // One complaint per series: the distinct ones, in order, are what a reader needs.
        String complaints = result.output().lines().map(String::strip).filter(line -> !line.isEmpty()).distinct()
                .collect(Collectors.joining("\n"));
        assertThat(complaints).as("promtool check metrics on /actuator/prometheus").isEmpty();
        assertThat(result.exitCode()).as("promtool's exit code; output:%n%s", complaints).isZero();
    }

    private String scrape() {
        ResponseEntity<String> response = asOperator().getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
