package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.support.Sql;
import org.returnsbridge.testsupport.BridgeApi;
import org.returnsbridge.testsupport.BridgeProcesses;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxControl;
import org.returnsbridge.testsupport.Settling;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The incident this guards against: a deployment ran the sandbox against its real database (secrets not
 * mounted), the sandbox's checkpoint moved to "now", and when the secrets arrived the first live poll started
 * from there and skipped every real return updated before it. Here one database serves, in turn, a bridge from
 * before the upgrade (an un-keyed checkpoint at now), the packaged bridge in sandbox mode (its store's checkpoint
 * at now), and the packaged bridge in live mode for another Reveni store, against a standalone sandbox standing
 * in for that store: the live store's return, updated an hour before both checkpoints, is restocked.
 */
class SandboxLiveSeparationIT {

    private static final String LIVE_STORE = "0b8e1f2a3c4d5e6f7a8b9c0d1e2f3a4b";
    private static final String SANDBOX_STORE = BridgeProcesses.REVENI_STORE; // the sandbox's default store id
    private static final String SCARF = "10038-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BridgeProcesses processes = new BridgeProcesses("sandbox-live-separation");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() {
        processes.stopAll();
    }

    @Test
    void aDatabaseThatServedASandboxNeverMakesALivePollSkipAReturn() throws Exception {
        Path data = Files.createTempDirectory("bridge-separation-");
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("bridge");
        Instant beforeEverything = Instant.now();

        // A bridge from before the upgrade left an un-keyed checkpoint at now.
        DriverManagerDataSource db = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .target("7").load().migrate();
        new JdbcTemplate(db).update("INSERT INTO poll_checkpoint (name, checkpoint_at, saved_at) VALUES ('reveni-returns', ?, ?)",
                Sql.utc(beforeEverything), Sql.utc(beforeEverything));

        // The packaged bridge in sandbox mode on the same database: demo returns flow, its checkpoint moves to now.
        int sandboxBridgePort = BridgeProcesses.freePort();
        Process sandboxBridge = startSandboxMode(url, sandboxBridgePort);
        await("the sandbox-mode bridge polled demo returns").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ledgerReturns(sandboxBridgePort) > 0);
        // A poll saves its store's checkpoint when it finishes: two full polls more, and the sandbox's is saved.
        Settling.awaitFullRuns(Duration.ofSeconds(60), List.of(new BridgeApi("sandbox-mode", sandboxBridgePort)),
                Settling.POLL);
        sandboxBridge.destroy();
        assertThat(sandboxBridge.waitFor(60, TimeUnit.SECONDS)).as("sandbox-mode bridge stopped").isTrue();

        JdbcTemplate jdbc = new JdbcTemplate(db);
        Map<String, OffsetDateTime> checkpoints = new HashMap<>();
        jdbc.query("SELECT store_id, checkpoint_at FROM poll_checkpoint WHERE name = 'reveni-returns'", rs -> {
            checkpoints.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
        });
        Instant liveReturnUpdated = beforeEverything.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(checkpoints).as("the upgrade kept the old checkpoint, store unknown; the sandbox saved its own")
                .containsKeys("", SANDBOX_STORE).doesNotContainKey(LIVE_STORE);
        assertThat(checkpoints.get(SANDBOX_STORE).toInstant())
                .as("shared, the sandbox's checkpoint would start a poll past the live return (overlap 2 min)")
                .isAfter(liveReturnUpdated.plus(Duration.ofMinutes(10)));

        // The live store's Reveni (a standalone sandbox answering only for LIVE_STORE) has a return from an hour ago.
        int vendorPort = BridgeProcesses.freePort();
        processes.startSandbox(vendorPort, List.of("-Xmx256m"), List.of("--reveni-store-id=" + LIVE_STORE));
        SandboxControl vendor = new SandboxControl("http://127.0.0.1:" + vendorPort + "/sandbox");
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1);
        ObjectNode json = ret.json().put("updated_at", liveReturnUpdated.toString());
        vendor.send("PUT", "/reveni/returns/" + ret.id() + "?keepTimestamps=true", json.toString());

        processes.startBridge("live", vendorPort, BridgeProcesses.freePort(), data, Map.of("REVENI_STORE_ID", LIVE_STORE));

        await("the live poll restocked the return updated before the sandbox's checkpoint").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).until(() -> vendor.stock(1, SCARF).signum() > 0);
        assertThat(vendor.stock(1, SCARF)).isEqualByComparingTo("1");
        assertThat(vendor.warehouseTransactions()).hasSize(1);
    }

    private Process startSandboxMode(String url, int serverPort) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(BridgeProcesses.java(), "-Xmx384m", "-jar", processes.jar().toString())
                .redirectErrorStream(true).redirectOutput(processes.log("sandbox-mode").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("REVENI_") || k.startsWith("SITOO_"));
        env.put("BRIDGE_MODE", "sandbox");
        env.put("BRIDGE_SANDBOX_PORT", "0");
        env.put("BRIDGE_SANDBOX_TRICKLE_INTERVAL_SECONDS", "1");
        env.put("BRIDGE_SANDBOX_WEBHOOKS", "false");
        env.put("BRIDGE_POLL_CRON", "0/1 * * * * ?");
        env.put("SERVER_PORT", String.valueOf(serverPort));
        env.put("SPRING_DATASOURCE_URL", url);
        env.put("BRIDGE_MAPPINGS_DIR", Path.of("mappings").toAbsolutePath().toString());
        env.put("BRIDGE_ADMIN_USERNAME", BridgeProcesses.OPERATOR);
        env.put("BRIDGE_ADMIN_PASSWORD", BridgeProcesses.OPERATOR_PASSWORD);
        Process process = builder.start();
        processes.adopt(process);
        return process;
    }

    private int ledgerReturns(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/returns"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (BridgeProcesses.OPERATOR + ":" + BridgeProcesses.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            var body = JSON.readTree(response.body());
            return body.isArray() ? body.size() : body.path("returns").size();
        } catch (Exception notUpYet) {
            return 0;
        }
    }
}
