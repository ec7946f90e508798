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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.SandboxControl;

/**
 * The container image's layout, reproduced without a container engine (none runs on these machines): the
 * packaged jar and the mappings in an app folder that the bridge's user cannot write, the two volumes the
 * Dockerfile declares (data/, reports/) owned by that non-root user, the Dockerfile's environment, routes
 * from the jar. The bridge, run as that user in live mode against a standalone sandbox, restocks a return and
 * writes reconciliation reports (the API answers 200), and the Dockerfile's own HEALTHCHECK command passes.
 */
class ImageLayoutIT {

    private static final String USER = ImageUser.NAME;
    private static final String SCARF = "10038-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BridgeProcesses processes = new BridgeProcesses("image-layout");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() {
        processes.stopAll();
    }

    @Test
    void theImagesLayoutRestocksAndReconcilesAsANonRootUserWithOnlyItsVolumesWritable() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create a non-root user and run the jar as it (setpriv); CI runs as root");
        Path dockerfile = Path.of("docker/Dockerfile");
        List<String> docker = Files.readAllLines(dockerfile);
        assertThat(docker).as("what the layout below reproduces")
                .anyMatch(l -> l.startsWith("FROM docker.io/library/"))
                .anyMatch(l -> l.equals("WORKDIR /app"))
                .anyMatch(l -> l.startsWith("USER 10001"))
                .anyMatch(l -> l.equals("VOLUME [\"/app/data\", \"/app/reports\"]"))
                .anyMatch(l -> l.contains("BRIDGE_MODE=live"))
                .anyMatch(l -> l.contains("BRIDGE_REPORTS_DIR=/app/reports"))
                .anyMatch(l -> l.contains("BRIDGE_MAPPINGS_DIR=/app/mappings"))
                .noneMatch(l -> l.startsWith("COPY routes"));
        int uid = ImageUser.ensure();

        // /…/app: root-owned, read-only for everyone; data/ and reports/ the volumes, owned by the user.
        Path root = Files.createTempDirectory("image-layout-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path app = Files.createDirectory(root.resolve("app"));
        Files.copy(processes.jar(), app.resolve("bridge.jar"));
        Path mappings = Files.createDirectory(app.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
                Files.setPosixFilePermissions(mappings.resolve(file.getFileName()), PosixFilePermissions.fromString("r--r--r--"));
            }
        }
        Path data = Files.createDirectory(app.resolve("data"));
        Path reports = Files.createDirectory(app.resolve("reports"));
        for (Path volume : List.of(data, reports)) {
            ImageUser.owns(volume.toString());
            Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxr-x---"));
        }
        Files.setPosixFilePermissions(app.resolve("bridge.jar"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(mappings, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("r-xr-xr-x"));

        int sandboxPort = BridgeProcesses.freePort();
        int bridgePort = BridgeProcesses.freePort();
        processes.startSandbox(sandboxPort);
        SandboxControl sandbox = new SandboxControl("http://127.0.0.1:" + sandboxPort + "/sandbox");
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, SCARF, 1).json());

        ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                BridgeProcesses.java(), "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar", app.resolve("bridge.jar").toString())
                .directory(app.toFile()).redirectErrorStream(true).redirectOutput(processes.log("bridge").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("BRIDGE_") || k.startsWith("SPRING_") || k.startsWith("REVENI_")
                || k.startsWith("SITOO_"));
        env.putAll(BridgeProcesses.liveEnvironment(sandboxPort)); // BRIDGE_MODE=live, as the image sets it
        env.put("BRIDGE_MAPPINGS_DIR", mappings.toString()); // /app/mappings
        env.put("BRIDGE_REPORTS_DIR", reports.toString());   // /app/reports
        env.put("BRIDGE_POLL_CRON", "0/1 * * * * ?");
        env.put("SERVER_PORT", String.valueOf(bridgePort));
        env.put("HOME", app.toString());                      // the user's home in the image
        Process bridge = builder.start();
        processes.adopt(bridge);

        await("restocked by the bridge running as " + USER).atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .failFast("the bridge exited; see " + processes.log("bridge"), () -> !bridge.isAlive())
                .until(() -> sandbox.stock(1, SCARF).signum() > 0);
        assertThat(sandbox.stock(1, SCARF)).isEqualByComparingTo("1");
        assertThat(Files.list(data).map(p -> p.getFileName().toString()).toList())
                .as("the ledger is the H2 file under data/ (the live default)").contains("bridge.mv.db");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day : List.of(today, today.minusDays(1))) {
            HttpResponse<String> run = post(bridgePort, "/api/reconciliation/run?date=" + day);
            assertThat(run.statusCode()).as("reconciliation of " + day + ": " + run.body()).isEqualTo(200);
            Path csv = reports.resolve("reconciliation-" + day + ".csv");
            assertThat(csv).as("the report file the daily run writes").exists();
            assertThat(Files.readAllLines(csv).get(0)).startsWith("kind,return_id");
            assertThat(ImageUser.ownerUid(csv.toString())).as("written by the bridge's user").isEqualTo(uid);
        }
        JsonNode report = JSON.readTree(post(bridgePort, "/api/reconciliation/run?date=" + today).body());
        assertThat(report.path("findings").size()).as("a clean day: " + report).isZero();
        assertThat(report.path("clean").asBoolean()).isTrue();

        List<String> healthcheck = healthcheckCommand(docker);
        ProcessBuilder probe = new ProcessBuilder(healthcheck).redirectErrorStream(true);
        probe.environment().put("SERVER_PORT", String.valueOf(bridgePort));
        Process check = probe.start();
        assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("the Dockerfile's HEALTHCHECK against the running bridge: "
                + new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        try (Stream<Path> written = Files.walk(app)) {
            assertThat(written.filter(p -> !p.startsWith(data) && !p.startsWith(reports)).map(p -> app.relativize(p).toString()))
                    .as("nothing written outside the volumes").containsExactlyInAnyOrder("", "bridge.jar", "mappings",
                            "mappings/conditions.yaml", "mappings/locations.yaml", "mappings/reasons.yaml", "mappings/skus.yaml");
        }
        String log = Files.readString(processes.log("bridge"));
        assertThat(log).doesNotContain("AccessDeniedException").doesNotContain(" ERROR ");
    }

    /** The HEALTHCHECK's CMD, exactly as the Dockerfile gives it (JSON exec form, continuation lines joined). */
    private static List<String> healthcheckCommand(List<String> dockerfile) throws IOException {
        String joined = String.join("\n", dockerfile).replace("\\\n", " ");
        String line = joined.lines().filter(l -> l.startsWith("HEALTHCHECK")).findFirst().orElseThrow();
        List<String> command = new ArrayList<>();
        JSON.readTree(line.substring(line.indexOf("CMD") + 3).trim()).forEach(n -> command.add(n.asText()));
        return command;
    }

    private HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (BridgeProcesses.OPERATOR + ":" + BridgeProcesses.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
