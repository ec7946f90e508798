package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * The health probes (liveness, readiness) answer by the bridge's state whatever Authorization header comes with
 * them: none, the operator's, a stale password, garbage. They never answer 401, never show details, and a wrong
 * credential sent to them is not a failed sign-in (not logged, not counted by the throttle). {@code /actuator/health}
 * itself says the overall status alone to anyone, and every component with its details to the operator account.
 */
@ExtendWith(OutputCaptureExtension.class)
class HealthProbeTest extends SandboxedBridgeTest {

    @Autowired
    private ApplicationContext context;

    static Stream<Arguments> probesAndHeaders() {
        String[] probes = {"/actuator/health/liveness", "/actuator/health/readiness"};
        String[][] headers = {
                {"none", null},
                {"the operator's", basic(OPERATOR, OPERATOR_PASSWORD)},
                {"a stale password", basic(OPERATOR, "last-years-password")},
                {"a wrong user", basic("lb-probe", OPERATOR_PASSWORD)},
                {"malformed Basic", "Basic !!!"},
                {"Basic without a colon", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))},
                {"empty Basic", "Basic "},
                {"Bearer", "Bearer x"},
                {"another scheme", "Digest username=\"ops\""},
                {"a long header", "Basic " + "A".repeat(6000)},
        };
        return Stream.concat(Stream.of(Arguments.of("/actuator/health", "none", null)),
                Stream.of(probes).flatMap(probe -> Stream.of(headers).map(h -> Arguments.of(probe, h[0], h[1]))));
    }

    @Test
    void theOperatorSeesEveryComponentWithItsDetails() {
        ResponseEntity<String> answer = get("/actuator/health", basic(OPERATOR, OPERATOR_PASSWORD));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody()).contains("\"components\"").contains("\"db\"").contains("\"sitoo\"")
                .contains("\"reveni\"").contains("\"poll\"").contains("\"circuit\"");
    }

    @Test
    void aWrongPasswordForTheDetailsIsAFailedSignIn(CapturedOutput output) {
        ResponseEntity<String> answer = get("/actuator/health", basic(OPERATOR, "last-years-password"));

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getBody()).doesNotContain("components");
        assertThat(output.getOut()).contains("Failed sign-in");
    }

    @ParameterizedTest(name = "{0} with {1} credentials")
    @MethodSource("probesAndHeaders")
    void probesAnswerByStateWhateverTheCredentials(String probe, String what, String authorization, CapturedOutput output) {
        ResponseEntity<String> answer = get(probe, authorization);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("details");
        assertThat(answer.getHeaders().containsKey("WWW-Authenticate")).isFalse();
        assertThat(output.getOut()).doesNotContain("Failed sign-in");
    }

    @ParameterizedTest(name = "readiness down with {1} credentials")
    @MethodSource("probesAndHeaders")
    void aProbeThatIsDownSays503NotUnauthorized(String probe, String what, String authorization) {
        if (probe.endsWith("liveness")) {
            return; // only readiness is taken down here
        }
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            ResponseEntity<String> answer = get(probe, authorization);

            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(503);
            assertThat(answer.getBody()).contains("\"status\":\"OUT_OF_SERVICE\"");
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    private ResponseEntity<String> get(String path, String authorization) {
        RequestEntity.HeadersBuilder<?> request = RequestEntity.get(URI.create(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return rest.exchange(request.build(), String.class);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
