package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.deploy.DeploymentFiles.K8S;
import static org.returnsbridge.deploy.DeploymentFiles.SECRET_TEMPLATE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.returnsbridge.mapping.Mappings;
import org.returnsbridge.mapping.MappingsLoader;

/**
 * docker/k8s/, read as a cluster would read it (fabric8's model of the Kubernetes API, unknown fields refused)
 * and checked against the bridge: what it reads, what it needs, where it writes. No cluster runs here, so this
 * is what stands between a typo in a manifest and a pod that never becomes ready. The probe paths are asked of
 * a running bridge by {@link DeployedBridgeTest}.
 */
class KubernetesManifestsTest {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "Secret", Secret.class, "PodDisruptionBudget", PodDisruptionBudget.class);

    private static final Map<Path, HasMetadata> MANIFESTS = new LinkedHashMap<>();

    @BeforeAll
    static void readEveryManifest() {
        MANIFESTS.clear();
        for (Path file : manifestFiles()) {
            MANIFESTS.put(file, read(file));
        }
    }

    /** Every YAML file of docker/k8s/ and the Secret's template; a filled-in secret.yaml (never committed) is skipped. */
    static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(K8S)) {
            List<Path> manifests = new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("secret.yaml")).sorted().toList());
            manifests.add(SECRET_TEMPLATE);
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HasMetadata read(Path file) {
        Map<String, Object> raw = StrictYaml.map(file);
        Object kind = raw.get("kind");
        Class<? extends HasMetadata> type = KINDS.get(String.valueOf(kind));
        if (type == null) {
            throw new AssertionError(file + ": kind " + kind + " is not one this deployment uses " + KINDS.keySet());
        }
        if (!HasMetadata.getApiVersion(type).equals(raw.get("apiVersion"))) {
            throw new AssertionError(file + ": " + kind + " needs apiVersion " + HasMetadata.getApiVersion(type)
                    + ", got " + raw.get("apiVersion"));
        }
        return StrictYaml.bind(file, raw, type);
    }

    @Test
    void everyManifestIsAKindThisDeploymentUsesWithNoUnknownField() {
        assertThat(MANIFESTS.values()).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ConfigMap", "ConfigMap", "ConfigMap", "Deployment", "PodDisruptionBudget",
                        "Secret", "Service");
        assertThat(MANIFESTS.values()).allSatisfy(m -> assertThat(m.getMetadata().getName()).startsWith("reveni-sitoo-bridge"));
    }

    @Test
    void twoReplicasRollOneAtATimeAndNeverDropBelowTwoReady() {
        Deployment deployment = only(Deployment.class);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void theProbesAskSpringBootsAvailabilityGroupsOnTheContainersPort() {
        Container bridge = bridge();
        Set<String> ports = new TreeSet<>();
        bridge.getPorts().forEach(p -> ports.add(p.getName()));

        assertThat(path(bridge.getStartupProbe())).isEqualTo(LIVENESS);
        assertThat(path(bridge.getLivenessProbe())).isEqualTo(LIVENESS);
        assertThat(path(bridge.getReadinessProbe())).isEqualTo(READINESS);
        for (Probe probe : List.of(bridge.getStartupProbe(), bridge.getLivenessProbe(), bridge.getReadinessProbe())) {
            assertThat(ports).contains(probe.getHttpGet().getPort().getStrVal());
        }
        Probe startup = bridge.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                .as("seconds the slow start may take before the kubelet restarts the pod").isGreaterThanOrEqualTo(120);
        assertThat(bridge.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
    }

    @Test
    void theGracePeriodOutlastsPreStopAndTheShutdownBudget() {
        PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
        List<String> preStop = bridge().getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long preStopSeconds = Long.parseLong(preStop.get(1));

        assertThat(pod.getTerminationGracePeriodSeconds())
                .as("preStop %s s + a shutdown of %s", preStopSeconds, DeploymentFiles.shutdownBudget())
                .isGreaterThan(preStopSeconds + DeploymentFiles.shutdownBudget().toSeconds());
    }

    @Test
    void theContainerRunsAsTheImagesUserAndWritesOnlyToItsVolumes() throws IOException {
        PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
        Container bridge = bridge();
        String imageUser = Files.readAllLines(BridgeVariables.DOCKERFILE).stream().filter(l -> l.startsWith("USER "))
                .findFirst().orElseThrow().substring("USER ".length());

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup()).isEqualTo(imageUser);
        assertThat(bridge.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(bridge.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(bridge.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        Map<String, VolumeMount> writable = new LinkedHashMap<>();
        bridge.getVolumeMounts().stream().filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .forEach(m -> writable.put(m.getMountPath(), m));
        assertThat(writable.keySet()).as("where the bridge writes on PostgreSQL").containsExactlyInAnyOrder("/app/reports", "/tmp");
        assertThat(bridge.getImage()).as("an explicit tag, never latest").matches("[^:]+:[^:]+").doesNotEndWith(":latest");
        assertThat(bridge.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void everyVariableTheManifestsNameIsOneTheBridgeReads() {
        List<String> unknown = new ArrayList<>();
        for (var manifest : MANIFESTS.entrySet()) {
            String where = manifest.getKey().toString();
            if (manifest.getValue() instanceof Deployment) {
                unknown.addAll(BridgeVariables.unknown(bridge().getEnv().stream().map(EnvVar::getName).toList(), where));
            } else if (manifest.getValue() instanceof Secret secret) {
                unknown.addAll(BridgeVariables.unknown(secretKeys(secret), where));
            } else if (manifest.getValue() instanceof ConfigMap settings && envFromConfigMaps().contains(name(settings))) {
                unknown.addAll(BridgeVariables.unknown(settings.getData().keySet(), where));
            }
        }
        assertThat(unknown).as("variables the bridge does not read (BridgeVariables lists those it does)").isEmpty();
    }

    @Test
    void theSecretHoldsEveryCredentialLiveModeRequiresAndTheConfigMapNone() {
        Secret secret = only(Secret.class);
        Set<String> credentials = secretKeys(secret);
        ConfigMap settings = configMap(envFromConfigMaps().iterator().next());

        assertThat(credentials).containsAll(BridgeVariables.requiredInLiveMode())
                .contains("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        assertThat(settings.getData().keySet()).as("credentials belong in the Secret").doesNotContainAnyElementsOf(credentials)
                .noneMatch(k -> k.matches(".*(PASSWORD|API_KEY|API_ID|USERNAME).*"));
        assertThat(secret.getStringData().values()).as("placeholders, clearly not real").allMatch(v -> v.startsWith("CHANGE-ME"));
        assertThat(envFromSecrets()).containsExactly(name(secret));
        assertThat(settings.getData()).as("live mode, the image's default").doesNotContainEntry("BRIDGE_MODE", "sandbox");
    }

    @Test
    void theReplicasShareAPostgresqlLedgerAndNameThemselvesAfterTheirPod() {
        ConfigMap settings = configMap(envFromConfigMaps().iterator().next());
        EnvVar nodeId = bridge().getEnv().stream().filter(e -> e.getName().equals("BRIDGE_NODE_ID")).findFirst().orElseThrow();

        assertThat(settings.getData().get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://");
        assertThat(nodeId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    }

    @Test
    void theMappingsConfigMapIsTheRepositorysMappingsAndTheBridgeLoadsIt(@TempDir Path mounted) throws IOException {
        ConfigMap mappings = configMapMountedAt("/app/mappings");
        for (var file : mappings.getData().entrySet()) {
            Files.writeString(mounted.resolve(file.getKey()), file.getValue());
        }

        assertThat(mappings.getData()).as("verbatim copies of mappings/ (copy the files again after editing them)")
                .isEqualTo(DeploymentFiles.yamlFiles(DeploymentFiles.MAPPINGS));
        Mappings loaded = MappingsLoader.load(mounted);
        assertThat(loaded.locations()).isNotEmpty();
        assertThat(Files.readAllLines(BridgeVariables.DOCKERFILE)).as("the image reads mappings where they are mounted")
                .anyMatch(l -> l.contains("BRIDGE_MAPPINGS_DIR=/app/mappings"));
    }

    @Test
    void theRoutesConfigMapIsTheRepositorysRoutesWhereBridgeRoutesPoints() {
        ConfigMap routes = configMapMountedAt("/app/routes");
        String bridgeRoutes = configMap(envFromConfigMaps().iterator().next()).getData().get("BRIDGE_ROUTES");

        assertThat(routes.getData()).as("verbatim copies of routes/ (copy the files again after editing them)")
                .isEqualTo(DeploymentFiles.yamlFiles(DeploymentFiles.ROUTES));
        assertThat(routes.getData().values()).as("the route every line goes through")
                .anyMatch(r -> r.contains("uri: direct:line-by-condition"));
        assertThat(bridgeRoutes).isEqualTo("file:/app/routes/*.yaml");
    }

    @Test
    void theServiceAndTheDisruptionBudgetSelectTheDeploymentsPods() {
        Map<String, String> podLabels = only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
        Service service = only(Service.class);
        PodDisruptionBudget budget = only(PodDisruptionBudget.class);

        assertThat(service.getSpec().getSelector()).isEqualTo(podLabels);
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo(bridge().getPorts().get(0).getName()));
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(podLabels);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void everyConfigMapAndSecretTheDeploymentNamesIsDefinedHere() {
        Set<String> defined = new TreeSet<>();
        MANIFESTS.values().stream().filter(m -> m instanceof ConfigMap || m instanceof Secret).forEach(m -> defined.add(name(m)));
        Set<String> named = new TreeSet<>(envFromConfigMaps());
        named.addAll(envFromSecrets());
        for (Volume volume : only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes()) {
            if (volume.getConfigMap() != null) {
                named.add(volume.getConfigMap().getName());
            }
        }
        Set<String> volumes = new TreeSet<>();
        only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().forEach(v -> volumes.add(v.getName()));

        assertThat(defined).containsAll(named);
        assertThat(volumes).as("every mount has its volume").containsAll(bridge().getVolumeMounts().stream().map(VolumeMount::getName).toList());
    }

    static ConfigMap configMapMountedAt(String path) {
        VolumeMount mount = bridge().getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst().orElseThrow();
        assertThat(mount.getReadOnly()).as(path + " read-only").isTrue();
        Volume volume = only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        return configMap(volume.getConfigMap().getName());
    }

    private static ConfigMap configMap(String name) {
        return MANIFESTS.values().stream().filter(m -> m instanceof ConfigMap && name(m).equals(name)).map(ConfigMap.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in " + K8S));
    }

    private static List<String> envFromConfigMaps() {
        return bridge().getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(r -> r != null).map(r -> r.getName()).toList();
    }

    private static List<String> envFromSecrets() {
        return bridge().getEnvFrom().stream().map(EnvFromSource::getSecretRef).filter(r -> r != null).map(r -> r.getName()).toList();
    }

    private static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new TreeSet<>();
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        return keys;
    }

    static Container bridge() {
        return only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("bridge")).findFirst().orElseThrow();
    }

    static <T extends HasMetadata> T only(Class<T> kind) {
        if (MANIFESTS.isEmpty()) {
            readEveryManifest();
        }
        List<T> found = MANIFESTS.values().stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName() + " in " + K8S).hasSize(1);
        return found.get(0);
    }

    private static String name(HasMetadata manifest) {
        return manifest.getMetadata().getName();
    }

    private static String path(Probe probe) {
        return probe.getHttpGet().getPath();
    }
}
