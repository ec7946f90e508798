package org.returnsbridge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.PromQl;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every metric the alert rules and the Grafana dashboard query is one the bridge really serves: a typo, or a meter
 * renamed in the code, fails here instead of leaving an alert that can never fire or a panel that stays empty.
 * The page is a real scrape of a sandbox bridge after a restock, a held line and an exception.
 */
class MetricNamesAreRealTest extends SandboxedBridgeTest {

    static final Path DASHBOARD = Path.of("docker/grafana/dashboards/reveni-sitoo-bridge.json");
    /** Series Prometheus makes itself, not the bridge. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** Labels Prometheus adds to every series it scrapes. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    @Autowired
    private DatabaseGauges gauges;

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsOnTheBridgesPage() throws IOException {
        sandbox.putReturn(aReturn().location("store-goteborg-01").sellable(newId(), "10038-1", 1).json());
        sandbox.putReturn(aReturn().status("received").item(newId(), "20417-M", 1, "pending", null).json());
        sandbox.putReturn(aReturn().sellable(newId(), "99999-9", 1).json());
        String refunded = newId();
        sandbox.putReturn(aReturn().sellable(refunded, "10038-1", 1)
                .refund(newId(), "succeeded", "49.9500", refunded, "49.9500").json());
        poll();
        gauges.refresh(); // the database gauges as they are after that work, not at the last timed refresh
        scrape(); // an HTTP server request and client call on record, whatever ran before in this context
        Set<String> served = sampleNames(scrape());

        Map<String, Set<String>> unknown = new TreeMap<>();
        queries().forEach((where, expression) -> {
            Set<String> names = new TreeSet<>(PromQl.metricNames(expression));
            names.removeAll(PROMETHEUS_OWN);
            names.removeAll(served);
            if (!names.isEmpty()) {
                unknown.put(where, names);
            }
        });

        assertThat(unknown).as("metric names queried but not on /actuator/prometheus").isEmpty();
    }

    @Test
    void everyLabelTheAlertsAndTheDashboardMatchOnIsOneTheMetricCarries() throws IOException {
        sandbox.putReturn(aReturn().location("store-goteborg-01").sellable(newId(), "10038-1", 1).json());
        poll();
        gauges.refresh();
        scrape();
        Map<String, Set<String>> served = labelNames(scrape());

        Map<String, Set<String>> unknown = new TreeMap<>();
        queries().forEach((where, expression) -> PromQl.matchedLabels(expression).forEach((metric, labels) -> {
            Set<String> missing = new TreeSet<>(labels);
            missing.removeAll(TARGET_LABELS);
            missing.removeAll(served.getOrDefault(metric, Set.of()));
            if (!missing.isEmpty() && !PROMETHEUS_OWN.contains(metric)) {
                unknown.put(where + " " + metric, missing);
            }
        }));

        assertThat(unknown).as("label names matched on but not carried by the metric on /actuator/prometheus").isEmpty();
    }

    @Test
    void theCheckSeesTheQueriesItChecks() throws IOException {
        Set<String> queried = new TreeSet<>();
        queries().values().forEach(expression -> queried.addAll(PromQl.metricNames(expression)));

        assertThat(queried).contains("up", "bridge_exceptions_oldest_open_age_seconds", "bridge_vendor_calls_seconds_count",
                "bridge_vendor_calls_seconds_bucket", "bridge_reconciliation_findings", "jvm_memory_used_bytes");
    }

    /** Each PromQL query, by where it is: an alert's expr, or a dashboard panel's target. */
    static Map<String, String> queries() throws IOException {
        Map<String, String> queries = new TreeMap<>();
        for (Map<String, Object> alert : PrometheusRulesTest.alerts()) {
            queries.put(PrometheusRulesTest.RULES + " " + alert.get("alert"), (String) alert.get("expr"));
        }
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<JsonNode> exprs = new ArrayList<>();
        collectExprs(dashboard, exprs);
        for (int i = 0; i < exprs.size(); i++) {
            queries.put(DASHBOARD + " expr #" + (i + 1), exprs.get(i).asText());
        }
        return queries;
    }

    private static void collectExprs(JsonNode node, List<JsonNode> exprs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if ("expr".equals(field.getKey())) {
                    exprs.add(field.getValue());
                } else {
                    collectExprs(field.getValue(), exprs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectExprs(element, exprs));
        }
    }

    /** The sample names on a Prometheus text page: histograms appear as their _bucket, _count and _sum. */
    private static Set<String> sampleNames(String page) {
        Set<String> names = new TreeSet<>();
        page.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** The label names each sample name carries on a Prometheus text page. */
    private static Map<String, Set<String>> labelNames(String page) {
        Map<String, Set<String>> labels = new TreeMap<>();
        page.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            String[] nameAndRest = line.split("[{ ]", 2);
            Set<String> names = labels.computeIfAbsent(nameAndRest[0], name -> new TreeSet<>());
            if (line.charAt(nameAndRest[0].length()) == '{') {
                Matcher label = LABEL.matcher(line.substring(nameAndRest[0].length(), line.lastIndexOf('}') + 1));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        });
        return labels;
    }

    private String scrape() {
        ResponseEntity<String> response = asOperator().getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
