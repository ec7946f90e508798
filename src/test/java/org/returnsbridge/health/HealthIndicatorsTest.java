package org.returnsbridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.returnsbridge.flow.PollCheckpoint;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.Status;

/**
 * The bridge's own indicators in real states: Sitoo answering 500s until the circuit opens, a poll that has not
 * completed for too long. A vendor outage shows to the operator at /actuator/health, and never in the probes.
 */
class HealthIndicatorsTest extends SandboxedBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private SitooClient sitoo;
    @Autowired
    private CircuitBreaker sitooCircuitBreaker;
    @Autowired
    private PollCheckpoint checkpoint;
    @Autowired
    private HealthEndpointGroups groups;


    @Test
    void aSitooOutageIsDownForTheOperatorWhileBothProbesStayUp() throws Exception {
        assertThat(component(operatorHealth(), "sitoo").path("status").asText()).isEqualTo("UP");
        sandbox.sitooFaults("{\"rate500\": 1.0}");

        // The calls the bridge makes anyway (here: the warehouse list) fail until the circuit opens; it half-opens
        // by itself after BRIDGE_SITOO_BREAKER_OPEN_WAIT (1 s in tests), so keep calling until health is seen open.
        // The probes are asked at every turn: they must stay UP throughout the outage.
        AtomicReference<JsonNode> seenOpen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode sitooHealth = operatorSitooHealth();
            assertProbesUp();
            if (sitooHealth.path("status").asText().equals("DOWN")
                    && sitooHealth.path("details").path("circuit").asText().equals("OPEN")) {
                seenOpen.set(sitooHealth);
                return true;
            }
            callSitoo();
            return false;
        });

        JsonNode details = seenOpen.get().path("details");
        assertThat(details.path("reason").asText()).contains("circuit breaker is open");
        assertThat(details.path("lastUnansweredReason").asText()).isEqualTo("HTTP 500");
        assertThat(details.path("lastUnansweredCall").asText()).isNotBlank();
        assertThat(details.path("unansweredInARow").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(details.toString()).as("no URL, no credential in the details")
                .doesNotContain("http://").doesNotContain("127.0.0.1").doesNotContain(OPERATOR_PASSWORD);

        assertProbesUp();
        HttpResponse<String> anonymous = get("/actuator/health", false);
        assertThat(anonymous.body()).as("the overall status (and the group names) alone without the operator account")
                .startsWith("{\"status\":").doesNotContain("components").doesNotContain("details");
    }

    @Test
    void theProbesHoldTheirOwnStateAndTheDatabaseOnly() {
        HealthEndpointGroup liveness = groups.get("liveness");
        HealthEndpointGroup readiness = groups.get("readiness");

        for (String indicator : new String[] {"sitoo", "reveni", "poll", "db", "diskSpace", "camelHealth"}) {
            assertThat(liveness.isMember(indicator)).as("liveness holds " + indicator).isFalse();
        }
        assertThat(liveness.isMember("livenessState")).isTrue();
        for (String indicator : new String[] {"sitoo", "reveni", "poll"}) {
            assertThat(readiness.isMember(indicator)).as("readiness holds " + indicator).isFalse();
        }
        assertThat(readiness.isMember("readinessState")).isTrue();
        assertThat(readiness.isMember("db")).as("no database, no work: not even a webhook into the inbox").isTrue();
    }

    @Test
    void sitooIsUpAgainOnceItAnswers() throws Exception {
        sandbox.sitooFaults("{\"rate500\": 1.0}");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            callSitoo();
            return sitooCircuitBreaker.getState() == CircuitBreaker.State.OPEN;
        });
        sandbox.sitooFaults("{}");

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            callSitoo();
            JsonNode sitooHealth = component(operatorHealth(), "sitoo");
            return sitooHealth.path("status").asText().equals("UP")
                    && sitooHealth.path("details").path("unansweredInARow").asInt() == 0;
        });
        JsonNode details = component(operatorHealth(), "sitoo").path("details");
        assertThat(details.path("unansweredInARow").asInt()).isZero();
        assertThat(details.path("lastAnsweredAt").asText()).isNotBlank();
    }

    @Test
    void thePollIsDownOnceItsLastCompleteRunIsOlderThanTheBound() {
        Clock clock = Clock.systemUTC();
        PollHealthIndicator poll = new PollHealthIndicator(checkpoint, true, "0 * * * * ?", Duration.ofMinutes(15), clock);

        assertThat(poll.health().getStatus()).as("no poll yet: the lag counts from the node's start").isEqualTo(Status.UP);

        checkpoint.polled(Instant.now().minus(Duration.ofMinutes(16)));
        Health lagging = poll.health();
        assertThat(lagging.getStatus()).isEqualTo(Status.DOWN);
        assertThat(lagging.getDetails()).containsEntry("maxLag", "PT15M");

        Instant beforePoll = Instant.now().minusSeconds(1);
        poll(); // a real poll, run to completion against the sandbox's Reveni
        Health polled = poll.health();
        assertThat(polled.getStatus()).isEqualTo(Status.UP);
        assertThat(Instant.parse((String) polled.getDetails().get("lastCompletePollStarted"))).isAfter(beforePoll);
    }

    @Test
    void aDisabledPollIsNeverDown() {
        checkpoint.polled(Instant.now().minus(Duration.ofDays(1)));
        PollHealthIndicator poll = new PollHealthIndicator(checkpoint, false, "0 * * * * ?", Duration.ofMinutes(15),
                Clock.systemUTC());

        assertThat(poll.health().getStatus()).isEqualTo(Status.UP);
        assertThat(poll.health().getDetails()).containsEntry("enabled", false);
    }

    private void assertProbesUp() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> answer = get(probe, false);
            assertThat(answer.statusCode()).as(probe + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    private void callSitoo() {
        try {
            sitoo.warehouses();
        } catch (RuntimeException expected) {
            // unanswered (500) or turned away by the open circuit: that is what this test is about
        }
    }

    private JsonNode operatorSitooHealth() throws Exception {
        return JSON.readTree(get("/actuator/health/sitoo", true).body());
    }

    private JsonNode operatorHealth() throws Exception {
        return JSON.readTree(get("/actuator/health", true).body());
    }

    /**
     * The JDK's client, not {@link #rest}: Apache HttpClient re-sends a request answered 503 a second later by
     * itself, by which time the circuit (open 1 s in tests) has half-opened, so a DOWN would never be seen.
     */
    private HttpResponse<String> get(String path, boolean asOperator) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest.getRootUri() + path));
        if (asOperator) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (OPERATOR + ":" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode component(JsonNode health, String name) {
        return health.path("components").path(name);
    }
}
