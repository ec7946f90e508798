package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two knobs a benchmark needs: Sitoo's per-call latency, and its rate limit answering 429 beyond it. */
class RateLimitAndLatencyTest {

    private static final int LIMIT = 5;

    private final SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(0));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * The window slides, so on a loaded machine a burst that takes longer than a second is legitimately admitted
     * in part twice. The test therefore asserts what holds at any speed: the first {@code LIMIT} calls pass, and
     * no {@code LIMIT + 1} admitted calls fit in one second (measured from the client, whose interval around each
     * call contains the moment the sandbox admitted it). A limiter that stopped limiting admits all calls within
     * a few milliseconds and fails the second assertion; one that stopped admitting fails the first.
     */
    @Test
    void noMoreThanTheLimitIsAdmittedWithinOneSecondAndTheRestAre429WithoutRetryAfter() throws Exception {
        server.configureFaults("sitoo", "{\"rateLimitPerSecond\": " + LIMIT + "}");

        List<long[]> admitted = new ArrayList<>(); // {sent, answered} in nanoseconds, per call answered 200
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            long sent = System.nanoTime();
            HttpResponse<String> response = warehouses();
            long answered = System.nanoTime();
            if (response.statusCode() == 200) {
                admitted.add(new long[] {sent, answered});
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).isEmpty();
                throttled++;
            }
        }
        assertThat(admitted.size()).as("admitted").isGreaterThanOrEqualTo(LIMIT);
        for (int i = 0; i + LIMIT < admitted.size(); i++) {
            long spanMillis = (admitted.get(i + LIMIT)[1] - admitted.get(i)[0]) / 1_000_000;
            // 999: the sandbox counts whole milliseconds of its clock, the client nanoseconds truncated
            assertThat(spanMillis).as("%d admitted calls within one second", LIMIT + 1).isGreaterThanOrEqualTo(999);
        }
        long burstMillis = (admitted.get(admitted.size() - 1)[1] - admitted.get(0)[0]) / 1_000_000;
        if (burstMillis < 1000) {
            assertThat(admitted).as("a burst within one second").hasSize(LIMIT);
            assertThat(throttled).isEqualTo(12 - LIMIT);
        }

        // The window moves on: once the admitted calls are older than a second, a call passes again.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> warehouses().statusCode() == 200);
    }

    @Test
    void everyCallTakesAtLeastTheConfiguredLatency() throws Exception {
        server.configureFaults("sitoo", "{\"latencyMillis\": 150}");

        long started = System.nanoTime();
        assertThat(warehouses().statusCode()).isEqualTo(200);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // A lower bound only: a loaded machine makes a call slower, never faster.
        assertThat(tookMillis).isGreaterThanOrEqualTo(150);
    }

    private HttpResponse<String> warehouses() throws Exception {
        String auth = Base64.getEncoder().encodeToString("90316-1:sandbox-sitoo-password".getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.sitooBaseUrl() + "/sites/1/warehouses.json"))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
    }
}
