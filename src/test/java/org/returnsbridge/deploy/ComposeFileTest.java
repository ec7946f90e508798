package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.deploy.DeploymentFiles.COMPOSE;
import static org.returnsbridge.deploy.DeploymentFiles.DOCKER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * docker/compose.yaml and docker/prometheus/prometheus.yml, read strictly ({@link ComposeModel},
 * {@link PrometheusModel}) and checked against the bridge: two bridges with everything live mode needs, on the
 * postgres service, the repository's mappings and routes read-only, and Prometheus scraping both with the
 * operator account from secrets. No container engine runs here; this is what was checked instead.
 */
class ComposeFileTest {

    private static final String POSTGRES = "postgres";
    private static final String PROMETHEUS = "prometheus";
    private static final String GRAFANA = "grafana";
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?[^}]+}");
    private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private final ComposeModel.File compose = StrictYaml.read(COMPOSE, ComposeModel.File.class);
    private final PrometheusModel.Config prometheus = StrictYaml.read(DeploymentFiles.PROMETHEUS, PrometheusModel.Config.class);

    @Test
    void twoBridgesAreBuiltFromTheProjectsDockerfile() {
        Map<String, ComposeModel.Service> bridges = bridges();

        assertThat(bridges).hasSize(2);
        for (ComposeModel.Service bridge : bridges.values()) {
            Path context = DOCKER.resolve(bridge.build().context()).normalize();
            assertThat(context.resolve(bridge.build().dockerfile()).normalize()).isEqualTo(BridgeVariables.DOCKERFILE);
            assertThat(Files.isRegularFile(context.resolve("pom.xml"))).as("the context is the repository root").isTrue();
        }
        assertThat(bridges.values().stream().map(b -> b.environment().get("BRIDGE_NODE_ID")).distinct())
                .as("a node id each").hasSize(2).doesNotContainNull();
        assertThat(bridges.values().stream().flatMap(b -> b.ports().stream()).distinct()).hasSize(2);
    }

    @Test
    void eachBridgeHasEveryVariableLiveModeRequiresAndComposeRefusesToStartWithoutThem() {
        Set<String> required = new TreeSet<>(BridgeVariables.requiredInLiveMode());
        required.add("SPRING_DATASOURCE_PASSWORD");

        for (var bridge : bridges().entrySet()) {
            Map<String, String> env = bridge.getValue().environment();
            assertThat(env).as(bridge.getKey()).containsKeys(required.toArray(String[]::new));
            for (String name : required) {
                assertThat(env.get(name)).as(bridge.getKey() + " " + name + ": ${VAR:?message}, so a missing value stops Compose")
                        .matches(REQUIRED);
            }
            assertThat(env).as(bridge.getKey()).doesNotContainEntry("BRIDGE_MODE", "sandbox");
        }
    }

    @Test
    void everyVariableABridgeIsGivenIsOneTheBridgeReads() {
        List<String> unknown = new ArrayList<>();
        bridges().forEach((name, bridge) ->
                unknown.addAll(BridgeVariables.unknown(bridge.environment().keySet(), COMPOSE + " service " + name)));

        assertThat(unknown).as("variables the bridge does not read (BridgeVariables lists those it does)").isEmpty();
    }

    @Test
    void theBridgesShareThePostgresServicesDatabase() {
        ComposeModel.Service postgres = compose.services().get(POSTGRES);
        Map<String, String> db = postgres.environment();

        assertThat(postgres.image()).startsWith("docker.io/library/postgres:");
        assertThat(postgres.healthcheck().test()).contains("CMD-SHELL").anyMatch(t -> t.startsWith("pg_isready"));
        assertThat(postgres.volumes()).anyMatch(v -> v.endsWith(":/var/lib/postgresql/data"));
        for (var bridge : bridges().entrySet()) {
            Map<String, String> env = bridge.getValue().environment();
            assertThat(env.get("SPRING_DATASOURCE_URL")).as(bridge.getKey())
                    .isEqualTo("jdbc:postgresql://" + POSTGRES + ":5432/" + db.get("POSTGRES_DB"));
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(db.get("POSTGRES_USER"));
            assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(db.get("POSTGRES_PASSWORD"));
            assertThat(bridge.getValue().dependsOn()).containsEntry(POSTGRES, new ComposeModel.Dependency("service_healthy"));
        }
    }

    @Test
    void theRepositorysMappingsAndRoutesAreMountedReadOnlyWhereTheBridgeReadsThem() throws IOException {
        String imageMappings = Files.readAllLines(BridgeVariables.DOCKERFILE).stream()
                .filter(l -> l.contains("BRIDGE_MAPPINGS_DIR=")).findFirst().orElseThrow().replaceAll(".*BRIDGE_MAPPINGS_DIR=(\\S+).*", "$1");

        for (var bridge : bridges().entrySet()) {
            Map<String, String> mounts = bindMounts(bridge.getValue());
            String routes = bridge.getValue().environment().get("BRIDGE_ROUTES");
            assertThat(mounts).as(bridge.getKey()).containsEntry(imageMappings + ":ro", "mappings")
                    .containsEntry("/app/routes:ro", "routes");
            assertThat(routes).isEqualTo("file:/app/routes/*.yaml");
            assertThat(bridge.getValue().volumes()).anyMatch(v -> v.endsWith(":/app/reports"));
        }
    }

    @Test
    void composeWaitsLongerThanTheBridgesShutdownBeforeKillingIt() {
        for (var bridge : bridges().entrySet()) {
            assertThat(DurationStyle.detectAndParse(bridge.getValue().stopGracePeriod())).as(bridge.getKey())
                    .isGreaterThan(DeploymentFiles.shutdownBudget());
        }
    }

    @Test
    void theImagesAreFromNamedRegistriesWithPinnedVersions() {
        for (String service : List.of(POSTGRES, PROMETHEUS, GRAFANA)) {
            assertThat(compose.services().get(service).image()).as(service)
                    .matches("docker\\.io/[a-z]+/[a-z-]+:v?\\d+(\\.\\d+)+");
        }
    }

    @Test
    void theEnvExampleGivesExactlyTheVariablesTheComposeFileUsesAndNoRealSecret() throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher m = INTERPOLATED.matcher(Files.readString(COMPOSE));
        while (m.find()) {
            used.add(m.group(1));
        }
        compose.secrets().values().forEach(s -> used.add(s.environment()));
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DeploymentFiles.ENV_EXAMPLE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }

        assertThat(example.keySet()).isEqualTo(used);
        assertThat(example).allSatisfy((name, value) -> {
            if (name.matches(".*(PASSWORD|API_KEY).*")) {
                assertThat(value).as(name + " is a placeholder").startsWith("change-me");
            }
        });
        assertThat(Files.readAllLines(Path.of(".gitignore"))).as("the filled-in copy is never committed").contains("docker/.env");
    }

    @Test
    void prometheusScrapesBothBridgesWithTheOperatorAccountFromSecrets() {
        ComposeModel.Service service = compose.services().get(PROMETHEUS);
        assertThat(prometheus.scrapeConfigs()).singleElement().satisfies(job -> {
            Set<String> bridgesAtTheirPort = new TreeSet<>();
            bridges().keySet().forEach(b -> bridgesAtTheirPort.add(b + ":8080"));
            Set<String> targets = new TreeSet<>();
            job.staticConfigs().forEach(c -> targets.addAll(c.targets()));

            assertThat(targets).isEqualTo(bridgesAtTheirPort);
            assertThat(job.metricsPath()).isEqualTo("/actuator/prometheus");
            assertThat(job.basicAuth().usernameFile()).isEqualTo(secretFile(service, "BRIDGE_ADMIN_USERNAME"));
            assertThat(job.basicAuth().passwordFile()).isEqualTo(secretFile(service, "BRIDGE_ADMIN_PASSWORD"));
        });
        assertThat(bindMounts(service)).containsEntry("/etc/prometheus/prometheus.yml:ro", "docker/prometheus/prometheus.yml");
        assertThat(service.dependsOn()).containsKeys(bridges().keySet().toArray(String[]::new));
    }

    @Test
    void prometheusLoadsTheAlertRulesMountedFromTheRepository() {
        ComposeModel.Service service = compose.services().get(PROMETHEUS);

        assertThat(prometheus.ruleFiles()).singleElement().satisfies(ruleFile ->
                assertThat(bindMounts(service)).containsEntry(ruleFile + ":ro", DeploymentFiles.ALERT_RULES.toString()));
    }

    @Test
    void grafanaShowsTheProvisionedDashboardToSignedInUsersOnly() {
        ComposeModel.Service grafana = compose.services().get(GRAFANA);
        Map<String, String> env = grafana.environment();

        assertThat(env.get("GF_SECURITY_ADMIN_PASSWORD")).as("from docker/.env, Compose refusing to start without it")
                .matches(REQUIRED);
        assertThat(env).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false").containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
        assertThat(grafana.ports()).containsExactly("3000:3000");
        assertThat(grafana.dependsOn()).containsKey(PROMETHEUS);
        Map<String, String> mounts = bindMounts(grafana);
        assertThat(mounts).containsEntry("/etc/grafana/provisioning:ro", DeploymentFiles.GRAFANA.resolve("provisioning").toString());
        // The dashboard provider reads the folder the dashboards are mounted at.
        String dashboards = GrafanaDashboardTest.provider().options().path();
        assertThat(mounts).containsEntry(dashboards + ":ro", DeploymentFiles.GRAFANA.resolve("dashboards").toString());
        // The data source reaches the prometheus service at its port.
        assertThat(GrafanaDashboardTest.datasource().url()).isEqualTo("http://" + PROMETHEUS + ":9090");
        assertThat(compose.services().get(PROMETHEUS).ports()).containsExactly("9090:9090");
    }

    /** /run/secrets/NAME for the secret of {@code service} that Compose fills from {@code variable}. */
    private String secretFile(ComposeModel.Service service, String variable) {
        String secret = compose.secrets().entrySet().stream().filter(s -> variable.equals(s.getValue().environment()))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no secret from " + variable));
        assertThat(service.secrets()).as("mounted into Prometheus").contains(secret);
        return "/run/secrets/" + secret;
    }

    /** Bind mounts as container path (with :ro) to the host path relative to the repository root, which must exist. */
    private static Map<String, String> bindMounts(ComposeModel.Service service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : service.volumes()) {
            String host = volume.substring(0, volume.indexOf(':'));
            if (host.startsWith(".")) {
                Path onHost = DOCKER.resolve(host).normalize();
                assertThat(onHost).as(volume).exists();
                mounts.put(volume.substring(volume.indexOf(':') + 1), onHost.toString());
            }
        }
        return mounts;
    }

    private Map<String, ComposeModel.Service> bridges() {
        Map<String, ComposeModel.Service> bridges = new LinkedHashMap<>();
        compose.services().forEach((name, service) -> {
            if (service.build() != null) {
                bridges.put(name, service);
            }
        });
        return bridges;
    }
}
