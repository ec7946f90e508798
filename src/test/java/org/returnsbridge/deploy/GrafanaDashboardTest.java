package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * docker/grafana: the dashboard JSON read strictly (valid JSON without duplicate keys, unique panel ids, panels
 * that fit the 24-column grid, every query on the provisioned data source) and the provisioning files that load
 * it. Its metric names are held against a real scrape by {@code MetricNamesAreRealTest}.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARDS = DeploymentFiles.GRAFANA.resolve("dashboards");
    static final Path DASHBOARD = DASHBOARDS.resolve("reveni-sitoo-bridge.json");
    private static final Path PROVISIONING = DeploymentFiles.GRAFANA.resolve("provisioning");
    private static final int GRID_COLUMNS = 24;

    private final JsonNode dashboard = readStrictly(DASHBOARD);

    @Test
    void theOnlyDataSourceIsPrometheusWithAFixedUid() {
        GrafanaModel.DataSource source = datasource();

        assertThat(source.type()).isEqualTo("prometheus");
        assertThat(source.uid()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(source.isDefault()).isTrue();
        assertThat(source.editable()).as("changed in the repository, not in the UI").isFalse();
    }

    @Test
    void everyPanelAndQueryUsesTheProvisionedDataSource() {
        String uid = datasource().uid();
        List<JsonNode> panels = panels();
        int queries = 0;
        for (JsonNode panel : panels) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(uid);
            assertThat(panel.path("targets")).as(title + " has queries").isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(title + " query").isEqualTo(uid);
                assertThat(target.path("expr").asText()).as(title + " query").isNotBlank();
                assertThat(refIds.add(target.path("refId").asText())).as(title + " refIds unique").isTrue();
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(20);
    }

    @Test
    void panelIdsAreUniqueAndPanelsFitTheGrid() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels()) {
            String title = panel.path("title").asText();
            assertThat(panel.path("id").isInt()).as(title + " has an id").isTrue();
            assertThat(ids.add(panel.path("id").asInt())).as("panel id " + panel.path("id") + " (" + title + ") is unique").isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title + " fits 24 columns")
                    .isBetween(1, GRID_COLUMNS);
            assertThat(grid.path("h").asInt()).as(title + " height").isPositive();
        }
    }

    @Test
    void theDashboardShowsWhatTheOperationsPageSaysItShows() {
        List<String> titles = panels().stream().map(p -> p.path("title").asText()).toList();

        assertThat(dashboard.path("uid").asText()).isEqualTo("reveni-sitoo-bridge");
        assertThat(titles).contains("Returns", "Stock", "Exceptions", "Reveni: poll and webhooks", "Vendors",
                "Reconciliation", "Nodes: JVM and HTTP");
        String queries = String.join("\n", panels().stream().flatMap(p -> p.path("targets").findValuesAsText("expr").stream())
                .toList());
        assertThat(queries).contains("bridge_returns", "bridge_units_restocked", "bridge_exceptions_open",
                "bridge_poll_lag_seconds", "bridge_poll_last_success_seconds", "bridge_vendor_calls_seconds_bucket",
                "bridge_vendor_rate_limit_wait_seconds", "bridge_vendor_circuit_state", "bridge_webhooks_inbox_backlog",
                "bridge_interval_queue_depth", "bridge_reconciliation_findings", "bridge_reconciliation_last_run_seconds",
                "jvm_memory_used_bytes", "http_server_requests_seconds_count");
    }

    @Test
    void theProviderLoadsDashboardsReadOnly() {
        GrafanaModel.Provider provider = provider();

        assertThat(provider.type()).isEqualTo("file");
        assertThat(provider.allowUiUpdates()).isFalse();
        assertThat(provider.options().path()).startsWith("/");
    }

    /** Every panel, those inside collapsed rows included. */
    private List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        assertThat(panels).isNotEmpty();
        return panels;
    }

    static GrafanaModel.DataSource datasource() {
        GrafanaModel.DataSources file = StrictYaml.read(PROVISIONING.resolve("datasources/prometheus.yml"),
                GrafanaModel.DataSources.class);
        assertThat(file.apiVersion()).isEqualTo(1);
        assertThat(file.datasources()).hasSize(1);
        return file.datasources().get(0);
    }

    static GrafanaModel.Provider provider() {
        GrafanaModel.DashboardProviders file = StrictYaml.read(PROVISIONING.resolve("dashboards/reveni-sitoo-bridge.yml"),
                GrafanaModel.DashboardProviders.class);
        assertThat(file.apiVersion()).isEqualTo(1);
        assertThat(file.providers()).hasSize(1);
        return file.providers().get(0);
    }

    private static JsonNode readStrictly(Path file) {
        try {
            return JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build()
                    .readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
