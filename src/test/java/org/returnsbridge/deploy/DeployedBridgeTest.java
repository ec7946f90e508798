package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bridge as the Kubernetes Deployment runs it, as far as one JVM can: its mappings and routes read from the
 * ConfigMaps of docker/k8s/, laid out as the kubelet mounts them (each file a symbolic link through {@code ..data}
 * to a timestamped folder, swapped at once on an update), and the paths the deployment files send to it asked
 * over HTTP: the probes answer 200 without credentials (a kubelet sends none), Prometheus's scrape path 200 to the
 * operator account only.
 *
 * <p>A context of its own (closed after the class): Spring Boot's tests switch metrics export off, so
 * /actuator/prometheus would be 404 without {@code @AutoConfigureObservability}.
 */
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class DeployedBridgeTest extends SandboxedBridgeTest {

    private static final Path MAPPINGS = ConfigMapMount.of(KubernetesManifestsTest.configMapMountedAt("/app/mappings"));
    private static final Path ROUTES = ConfigMapMount.of(KubernetesManifestsTest.configMapMountedAt("/app/routes"));

    @DynamicPropertySource
    static void mountedConfigMaps(DynamicPropertyRegistry registry) {
        registry.add("bridge.mappings.dir", MAPPINGS::toString);
        registry.add("bridge.mappings.watch-interval", () -> "PT1S");
        registry.add("camel.main.routes-include-pattern", () -> "file:" + ROUTES + "/*.yaml");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bridge-deployed;DB_CLOSE_DELAY=-1");
    }

    @Autowired
    private CamelContext camelContext;
    @Autowired
    private MappingRegistry mappings;

    @Test
    void everyProbeOfTheDeploymentAnswersUpWithoutCredentials() {
        Container bridge = KubernetesManifestsTest.bridge();
        Set<String> paths = new TreeSet<>();
        for (Probe probe : new Probe[] {bridge.getStartupProbe(), bridge.getLivenessProbe(), bridge.getReadinessProbe()}) {
            paths.add(probe.getHttpGet().getPath());
        }

        assertThat(paths).isNotEmpty();
        for (String path : paths) {
            ResponseEntity<String> answer = rest.getForEntity(path, String.class);
            assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(200);
            assertThat(answer.getBody()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void prometheussScrapePathAnswersTheOperatorOnly() {
        PrometheusModel.Config config = StrictYaml.read(DeploymentFiles.PROMETHEUS, PrometheusModel.Config.class);
        String path = config.scrapeConfigs().get(0).metricsPath();

        assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).as(path + " without credentials").isEqualTo(401);
        ResponseEntity<String> scrape = asOperator().getForEntity(path, String.class);
        assertThat(scrape.getStatusCode().value()).as(path).isEqualTo(200);
        assertThat(scrape.getBody()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void theRoutesComeOnceFromTheMountedConfigMap() {
        Route route = camelContext.getRoute("line-by-condition");

        assertThat(route).isNotNull();
        assertThat(camelContext.getRouteController().getRouteStatus(route.getId())).isEqualTo(ServiceStatus.Started);
        assertThat(route.getSourceResource().getLocation()).as("not the copy in the jar").startsWith("file:" + ROUTES);
        assertThat(camelContext.getRoutes().stream().filter(r -> r.getSourceResource() != null
                && r.getSourceResource().getLocation().startsWith("file:" + ROUTES))).hasSize(1);
    }

    @Test
    void anUpdatedMappingsConfigMapIsInForceWithoutARestart() {
        assertThat(mappings.current().location("store-malmo-01")).isEmpty();
        Map<String, String> updated = new TreeMap<>(KubernetesManifestsTest.configMapMountedAt("/app/mappings").getData());
        updated.put("locations.yaml", updated.get("locations.yaml") + "  store-malmo-01:\n    warehouseid: 2\n");

        ConfigMapMount.update(MAPPINGS, updated);

        await("the watched mappings reloaded").atMost(Duration.ofSeconds(20))
                .until(() -> mappings.current().location("store-malmo-01").isPresent());
    }

    /** A ConfigMap volume as the kubelet writes it, and its atomic update. */
    static final class ConfigMapMount {

        private ConfigMapMount() {}

        static Path of(ConfigMap configMap) {
            try {
                Path mount = Files.createTempDirectory("configmap-" + configMap.getMetadata().getName() + "-");
                Path data = write(mount, configMap.getData());
                Files.createSymbolicLink(mount.resolve("..data"), data.getFileName());
                for (String key : configMap.getData().keySet()) {
                    Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
                }
                return mount;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The kubelet's update: the new files in a new folder, then ..data pointed at it in one rename. */
        static void update(Path mount, Map<String, String> files) {
            try {
                Path data = write(mount, files);
                Path next = mount.resolve("..data_tmp");
                Files.createSymbolicLink(next, data.getFileName());
                Files.move(next, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Path write(Path mount, Map<String, String> files) throws IOException {
            Path data = Files.createDirectory(mount.resolve("..version_" + System.nanoTime()));
            for (var file : files.entrySet()) {
                Files.writeString(data.resolve(file.getKey()), file.getValue());
            }
            return data;
        }
    }
}
