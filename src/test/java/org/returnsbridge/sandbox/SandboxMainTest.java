package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    private static final Pattern READY = Pattern.compile("SANDBOX READY port=(\\d+)");

    @Test
    void standaloneProcessPrintsTheBridgeEnvironmentAndReadyLineThenServes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SandboxMain.class.getName(), "--port=0", "--trickle=false")
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readUntilReady(process));
            String printed = output.get(20, TimeUnit.SECONDS);
            Matcher ready = READY.matcher(printed);
            assertThat(ready.find()).as(printed).isTrue();
            int port = Integer.parseInt(ready.group(1));

            assertThat(printed).contains("REVENI_BASE_URL=http://127.0.0.1:" + port + "/reveni/merchants/v0",
                    "REVENI_API_KEY=sandbox-reveni-key", "REVENI_STORE_ID=3f9a0c5e7b1d4e2f8a6c0b9d7e5f3a1c",
                    "SITOO_BASE_URL=http://127.0.0.1:" + port + "/sitoo/v2/accounts/90316", "SITOO_API_ID=90316-1",
                    "SITOO_API_PASSWORD=sandbox-sitoo-password", "SITOO_SITE_ID=1");
            SandboxTestClient.Answer status = new SandboxTestClient(null)
                    .get("http://127.0.0.1:" + port + "/sandbox", null);
            assertThat(status.json().path("warehouses").asInt()).isEqualTo(4);
        } finally {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void argumentsOverrideEnvironmentAndTrickleDefaultsOnForTheStandaloneDemo() {
        SandboxSettings settings = SandboxCommandLine.settings(new String[] {"--port=9999", "--seed=7"},
                Map.of("SANDBOX_PORT", "1234", "SANDBOX_BIND_ADDRESS", "0.0.0.0",
                        "SANDBOX_TRICKLE_INTERVAL_SECONDS", "2"));

        assertThat(settings.port()).isEqualTo(9999);
        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.trickle()).isTrue();
        assertThat(settings.trickleIntervalSeconds()).isEqualTo(2);
        assertThat(settings.randomSeed()).isEqualTo(7);
        assertThat(SandboxCommandLine.settings(new String[0], Map.of("SANDBOX_TRICKLE", "false")).trickle()).isFalse();
        assertThatThrownBy(() -> SandboxCommandLine.settings(new String[] {"--prot=1"}, Map.of()))
                .hasMessageContaining("unknown option --prot");
    }

    private static String readUntilReady(Process process) {
        StringBuilder printed = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                printed.append(line).append('\n');
                if (READY.matcher(line).find()) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            printed.append(e);
        }
        return printed.toString();
    }

    @Test
    void faultsCanBeGivenAtStartUpAndABadOneIsRefused() {
        var faults = SandboxCommandLine.faults(new String[] {"--sitoo-faults={\"rate500\": 0.2}"},
                Map.of("SANDBOX_REVENI_FAULTS", "{\"rate429\": 0.1}"));
        assertThat(faults).containsEntry("sitoo", "{\"rate500\": 0.2}").containsEntry("reveni", "{\"rate429\": 0.1}");

        try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(0))) {
            server.configureFaults("sitoo", faults.get("sitoo"));
            assertThatThrownBy(() -> server.configureFaults("sitoo", "{\"rate500\": 2}"))
                    .hasMessageContaining("rate500 must be a probability");
            assertThatThrownBy(() -> server.configureFaults("sitoo", "{\"rate50\": 0.1}"))
                    .hasMessageContaining("rate50");
        }
    }

    @Test
    void webhookUrlOptionIsReadFromArgumentsOrEnvironment() {
        assertThat(SandboxCommandLine.settings(new String[] {"--webhook-url=http://localhost:8080/webhooks/reveni"},
                Map.of()).webhookUrl()).isEqualTo("http://localhost:8080/webhooks/reveni");
        assertThat(SandboxCommandLine.settings(new String[0], Map.of("SANDBOX_WEBHOOK_URL", "http://h/x")).webhookUrl())
                .isEqualTo("http://h/x");
        assertThat(SandboxSettings.defaults().webhookUrl()).isNull();
    }
}
