package org.returnsbridge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The bridge's own Prometheus page, after real traffic (a restock and an exception), passes Prometheus's
 * own linter: snake_case label names, a help text on every metric, no clashing types. promtool comes with
 * Debian's {@code prometheus} package; without it this test fails rather than quietly passing.
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

        PromtoolResult result = promtoolCheckMetrics(page);
        assertThat(result.output()).as("promtool check metrics on /actuator/prometheus").isEmpty();
        assertThat(result.exitCode()).as("promtool's exit code; output:%n%s", result.output()).isZero();
    }

    private String scrape() {
        ResponseEntity<String> response = asOperator().getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    record PromtoolResult(int exitCode, String output) {
    }

    /** {@code promtool check metrics} reads the page on stdin and lists each complaint on its output. */
    static PromtoolResult promtoolCheckMetrics(String page) throws IOException, InterruptedException {
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException notOnPath) {
            throw new AssertionError("promtool is not on the PATH: install Debian's prometheus package "
                    + "(apt-get install -y --no-install-recommends prometheus) to run this test", notOnPath);
        }
        try (var stdin = promtool.getOutputStream()) {
            stdin.write(page.getBytes(StandardCharsets.UTF_8));
        }
        // One complaint per series: the distinct ones, in order, are what a reader needs.
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).distinct().collect(Collectors.joining("\n"));
        if (!promtool.waitFor(30, TimeUnit.SECONDS)) {
            promtool.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish within 30 s");
        }
        return new PromtoolResult(promtool.exitValue(), output);
    }
}
