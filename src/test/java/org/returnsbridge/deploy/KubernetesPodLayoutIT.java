package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.SandboxControl;

/**
 * A pod of docker/k8s/deployment.yaml, reproduced without a cluster: the packaged jar run as the image's
 * non-root user with everything but the Deployment's writable volumes read-only (the app folder, /app/data, the
 * user's home), its environment from the settings ConfigMap and the Secret's keys (real values for a standalone
 * sandbox, the database a real PostgreSQL), mappings and routes from the ConfigMaps laid out as the kubelet mounts
 * them. It restocks, reconciles into the reports volume, answers the Deployment's probes, writes nothing outside
 * reports/ and tmp/, and exits on SIGTERM within the grace period less preStop.
 */
class KubernetesPodLayoutIT {

    private static final String USER = ImageUser.NAME;
    private static final String SCARF = "10038-1";

    private final BridgeProcesses processes = new BridgeProcesses("kubernetes-pod");
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedPostgres postgres;

    @AfterEach
    void stopEverything() throws IOException {
        processes.stopAll();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aPodOnPostgresqlRestocksAndWritesOnlyToItsWritableVolumes() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create a non-root user and run the jar as it (setpriv); CI runs as root");
        int uid = ImageUser.ensure();
        Deployment deployment = KubernetesManifestsTest.only(Deployment.class);
        Container container = KubernetesManifestsTest.bridge();

        postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bridge");
        }

        Path root = Files.createTempDirectory("kubernetes-pod-");
        Path app = Files.createDirectory(root.resolve("app"));
        Files.copy(processes.jar(), app.resolve("bridge.jar"));
        Path data = Files.createDirectory(app.resolve("data"));     // the image's H2 volume: read-only here
        Path reports = Files.createDirectory(root.resolve("reports"));
        Path tmp = Files.createDirectory(root.resolve("tmp"));
        Path mappings = readableByAll(DeployedBridgeTest.ConfigMapMount.of(KubernetesManifestsTest.configMapMountedAt("/app/mappings")));
        Path routes = readableByAll(DeployedBridgeTest.ConfigMapMount.of(KubernetesManifestsTest.configMapMountedAt("/app/routes")));
        for (Path writable : List.of(reports, tmp)) {
            ImageUser.owns(writable.toString());
        }
        for (Path readOnly : List.of(root, app, data)) {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        Files.setPosixFilePermissions(app.resolve("bridge.jar"), PosixFilePermissions.fromString("r--r--r--"));

        int sandboxPort = BridgeProcesses.freePort();
        int bridgePort = BridgeProcesses.freePort();
        processes.startSandbox(sandboxPort);
        SandboxControl sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());

        ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                BridgeProcesses.java(), "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp,
                "-jar", app.resolve("bridge.jar").toString())
                .directory(app.toFile()).redirectErrorStream(true).redirectOutput(processes.log("bridge").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("BRIDGE_") || k.startsWith("SPRING_") || k.startsWith("REVENI_")
                || k.startsWith("SITOO_"));
        ConfigMap settings = settings();
        env.putAll(settings.getData());                                   // envFrom: the settings ConfigMap
        env.putAll(BridgeProcesses.liveEnvironment(sandboxPort));        // envFrom: the Secret, with real values
        env.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "bridge")); // instead of host "postgres"
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "unused-trust-auth");
        env.put("BRIDGE_ROUTES", settings.getData().get("BRIDGE_ROUTES").replace("/app/routes", routes.toString()));
        env.put("BRIDGE_MAPPINGS_DIR", mappings.toString());             // the image's /app/mappings
        env.put("BRIDGE_REPORTS_DIR", reports.toString());               // the image's /app/reports
        env.put("BRIDGE_NODE_ID", "reveni-sitoo-bridge-7d9f8-abcde");    // the downward API's metadata.name
        env.put("BRIDGE_POLL_CRON", "0/1 * * * * ?");
        env.put("SERVER_PORT", String.valueOf(bridgePort));
        env.put("HOME", app.toString());
        Process bridge = builder.start();
        processes.adopt(bridge);

        await("restocked by the pod").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .failFast("the bridge exited; see " + processes.log("bridge"), () -> !bridge.isAlive())
                .until(() -> sandbox.stock(1, SCARF).signum() > 0);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");

        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            HttpResponse<String> answer = get(bridgePort, probe.getHttpGet().getPath());
            assertThat(answer.statusCode()).as(probe.getHttpGet().getPath()).isEqualTo(200);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> run = post(bridgePort, "/api/reconciliation/run?date=" + today);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(reports.resolve("reconciliation-" + today + ".csv")).exists();

        long graceSeconds = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        long preStopSeconds = Long.parseLong(container.getLifecycle().getPreStop().getExec().getCommand().get(1));
        long stopping = System.nanoTime();
        bridge.destroy(); // SIGTERM, as the kubelet sends it after preStop
        assertThat(bridge.waitFor(graceSeconds - preStopSeconds, TimeUnit.SECONDS))
                .as("exited before the kubelet's SIGKILL").isTrue();
        long stopSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping);
        System.out.println("Stopped " + stopSeconds + " s after SIGTERM (grace " + graceSeconds + " s, preStop " + preStopSeconds + " s)");

        try (Stream<Path> written = Files.walk(root)) {
            assertThat(written.filter(p -> !p.startsWith(reports) && !p.startsWith(tmp)
                            && !p.startsWith(mappings) && !p.startsWith(routes)).map(p -> root.relativize(p).toString()))
                    .as("nothing written outside the writable volumes").containsExactlyInAnyOrder(
                            "", "app", "app/bridge.jar", "app/data");
        }
        String log = Files.readString(processes.log("bridge"));
        assertThat(log).as("the settings ConfigMap asks for JSON lines").contains("\"log\":{\"level\":\"INFO\"")
                .doesNotContain("AccessDeniedException").doesNotContain("\"level\":\"ERROR\"");
    }

    private static ConfigMap settings() {
        String name = KubernetesManifestsTest.bridge().getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                .findFirst().orElseThrow().getConfigMapRef().getName();
        return KubernetesManifestsTest.manifestFiles().stream().map(KubernetesManifestsTest::read)
                .filter(m -> m instanceof ConfigMap && m.getMetadata().getName().equals(name)).map(ConfigMap.class::cast)
                .findFirst().orElseThrow();
    }

    /** The kubelet mounts ConfigMaps readable by the pod's user (0644 files); temporary folders are the owner's only. */
    private static Path readableByAll(Path mount) throws IOException {
        try (Stream<Path> files = Files.walk(mount)) {
            for (Path p : files.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        return mount;
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (BridgeProcesses.OPERATOR + ":" + BridgeProcesses.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
