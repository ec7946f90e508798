package org.returnsbridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every alert in docker/prometheus/alerts.yml sends the on-call operator to a runbook that exists: its
 * runbook_url is an anchor of docs/operations.md (checked as {@link DocLinksTest} checks the docs' own links),
 * and the Alerts table lists it. An alert added without its runbook fails here.
 */
class AlertRunbooksDocumentedTest {

    private static final Path RULES = Path.of("docker/prometheus/alerts.yml");
    private static final Path OPERATIONS = Path.of("docs/operations.md");

    @Test
    void everyRunbookUrlIsAnAnchorOfTheOperationsPage() throws IOException {
        Set<String> anchors = DocLinks.anchors(ProjectDocs.read(OPERATIONS));
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> alert : alerts()) {
            String url = (String) ((Map<?, ?>) alert.get("annotations")).get("runbook_url");
            String prefix = OPERATIONS + "#";
            if (url == null || !url.startsWith(prefix) || !anchors.contains(url.substring(prefix.length()))) {
                missing.add(alert.get("alert") + ": " + url);
            }
        }

        assertThat(missing).as("runbook_url without its section in " + OPERATIONS).isEmpty();
    }

    @Test
    void theAlertsTableListsEveryAlertAndNoOther() throws IOException {
        String operations = ProjectDocs.read(OPERATIONS);
        String table = operations.substring(operations.indexOf("\n## Alerts"), operations.indexOf("\n### Runbooks"));
        Set<String> listed = new TreeSet<>();
        table.lines().filter(line -> line.startsWith("| `")).forEach(line -> listed.add(line.substring(3, line.indexOf('`', 3))));
        Set<String> alerts = new TreeSet<>();
        alerts().forEach(alert -> alerts.add((String) alert.get("alert")));

        assertThat(listed).isEqualTo(alerts);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }
}
