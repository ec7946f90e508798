package org.returnsbridge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.Promtool;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/prometheus/alerts.yml is valid (promtool check rules), behaves as its unit tests say
 * (promtool test rules docker/prometheus/alerts-test.yml) and every alert carries what an on-call operator needs.
 */
class PrometheusRulesTest {

    static final Path RULES = Path.of("docker/prometheus/alerts.yml");
    static final Path RULE_TESTS = Path.of("docker/prometheus/alerts-test.yml");
    private static final Set<String> SEVERITIES = Set.of("page", "ticket");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Promtool.Result result = Promtool.run("check", "rules", RULES.toString());

        assertThat(result.exitCode()).as("promtool check rules; output:%n%s", result.output()).isZero();
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        Promtool.Result result = Promtool.run("test", "rules", RULE_TESTS.toString());

        assertThat(result.exitCode()).as("promtool test rules; output:%n%s", result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTestThatFiresIt() throws IOException {
        Set<String> fired = new TreeSet<>();
        for (Map<String, Object> test : list(load(RULE_TESTS).get("tests"))) {
            for (Map<String, Object> check : list(test.get("alert_rule_test"))) {
                if (!list(check.get("exp_alerts")).isEmpty()) {
                    fired.add((String) check.get("alertname"));
                }
            }
        }

        assertThat(fired).isEqualTo(new TreeSet<>(alerts().stream().map(a -> (String) a.get("alert")).toList()));
    }

    @Test
    void everyAlertWaitsSeverityAndExplainsItselfWithARunbook() throws IOException {
        for (Map<String, Object> alert : alerts()) {
            String name = (String) alert.get("alert");
            Map<String, Object> labels = map(alert.get("labels"));
            Map<String, Object> annotations = map(alert.get("annotations"));

            assertThat(Duration.parse("PT" + ((String) alert.get("for")).toUpperCase()))
                    .as(name + ": for:, so one blip does not page").isGreaterThanOrEqualTo(Duration.ofMinutes(3));
            assertThat(labels.get("severity")).as(name + " severity").isIn(SEVERITIES);
            assertThat(annotations).as(name).containsOnlyKeys("summary", "description", "runbook_url");
            assertThat((String) annotations.get("description")).as(name + ": the description gives the value or the labels")
                    .containsPattern("\\{\\{ \\$(value|labels)");
            assertThat((String) annotations.get("runbook_url")).as(name)
                    .isEqualTo("docs/operations.md#" + name.toLowerCase());
        }
    }

    /** Every rule in alerts.yml (all are alerts: a recording rule would need its own checks). */
    static List<Map<String, Object>> alerts() throws IOException {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : list(load(RULES).get("groups"))) {
            for (Map<String, Object> rule : list(group.get("rules"))) {
                assertThat(rule).as("a rule of " + RULES).containsKey("alert");
                alerts.add(rule);
            }
        }
        assertThat(alerts).isNotEmpty();
        return alerts;
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
