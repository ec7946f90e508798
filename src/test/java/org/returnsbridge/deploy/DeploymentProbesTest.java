package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The paths the deployment files send to the bridge, asked of a running one: the Kubernetes probes answer 200
 * without credentials (a kubelet sends none), and Prometheus's scrape path answers 200 to the operator
 * account only.
 *
 * <p>Spring Boot's tests switch metrics export off (so /actuator/prometheus is 404) unless asked:
 * {@code @AutoConfigureObservability} gives this class a context of its own, closed after it.
 */
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class DeploymentProbesTest extends SandboxedBridgeTest {

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
}
