package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two knobs a benchmark needs: Sitoo's per-call latency, and its rate limit answering 429 beyond it. */
class RateLimitAndLatencyTest {

    private final SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(0));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsBeyondTheLimitWithinOneSecondAre429WithoutRetryAfter() throws Exception {
        server.configureFaults("sitoo", "{\"rateLimitPerSecond\": 5}");

        int ok = 0;
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = warehouses();
            if (response.statusCode() == 200) {
                ok++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).isEmpty();
                throttled++;
            }
        }
        assertThat(ok).isEqualTo(5);
        assertThat(throttled).isEqualTo(7);
        Thread.sleep(1100);
        assertThat(warehouses().statusCode()).as("the window moves on").isEqualTo(200);
    }

    @Test
    void everyCallTakesAtLeastTheConfiguredLatency() throws Exception {
        server.configureFaults("sitoo", "{\"latencyMillis\": 150}");

        long started = System.nanoTime();
        assertThat(warehouses().statusCode()).isEqualTo(200);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).isGreaterThanOrEqualTo(150);
    }

    private HttpResponse<String> warehouses() throws Exception {
        String auth = Base64.getEncoder().encodeToString("90316-1:sandbox-sitoo-password".getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.sitooBaseUrl() + "/sites/1/warehouses.json"))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
    }
}
