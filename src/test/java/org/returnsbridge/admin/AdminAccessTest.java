package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** Only the operator account reaches the API, Hawtio, Jolokia and the actuator; only health is open. */
class AdminAccessTest extends SandboxedBridgeTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/exceptions",
            "GET, /api/returns/x",
            "POST, /api/exceptions/1/replay",
            "POST, /api/mappings/reload",
            "GET, /actuator/hawtio/",
            "POST, /actuator/jolokia",
            "GET, /actuator/prometheus",
            "GET, /actuator/info",
    })
    void operatorEndpointsRefuseAnonymousCallers(String method, String path) {
        assertUnauthorized(send(rest, method, path));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/exceptions",
            "GET, /api/returns/x",
            "POST, /api/mappings/reload",
            "GET, /actuator/hawtio/",
            "POST, /actuator/jolokia",
            "GET, /actuator/prometheus",
    })
    void operatorEndpointsRefuseWrongCredentials(String method, String path) {
        assertUnauthorized(send(rest.withBasicAuth(OPERATOR, "not-the-password"), method, path));
        assertUnauthorized(send(rest.withBasicAuth("admin", OPERATOR_PASSWORD), method, path));
    }

    @Test
    void healthIsOpenForProbes() {
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void operatorReachesHawtio() {
        ResponseEntity<String> page = asOperator().getForEntity("/actuator/hawtio/", String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("<title>Hawtio</title>");
    }

    @Test
    void operatorReachesJolokiaAndTheExceptionQueueMBean() {
        JsonNode version = jolokia("{\"type\":\"version\"}");
        assertThat(version.path("status").asInt()).isEqualTo(200);
        assertThat(version.path("value").path("agent").asText()).isNotBlank();

        JsonNode listed = jolokia("{\"type\":\"exec\",\"mbean\":\"" + exceptionQueueMBean().getCanonicalName()
                + "\",\"operation\":\"listOpenExceptions\"}");
        assertThat(listed.path("status").asInt()).isEqualTo(200);
        assertThat(listed.path("value").asText()).isEqualTo("no open exceptions");
    }

    @Test
    void operatorCallsFromOtherSitesAreRefusedEvenWithCachedCredentials() {
        // What a browser sends when another site's page posts to the bridge with the operator's cached credentials.
        assertThat(postReload("Sec-Fetch-Site", "cross-site").getStatusCode().value()).isEqualTo(403);
        assertThat(postReload("Origin", "https://elsewhere.example").getStatusCode().value()).isEqualTo(403);
        // Hawtio's own requests, and scripts, are not affected.
        assertThat(postReload("Sec-Fetch-Site", "same-origin").getStatusCode().value()).isEqualTo(200);
        assertThat(postReload("X-Nothing", "curl").getStatusCode().value()).isEqualTo(200);
    }

    private ResponseEntity<String> postReload(String header, String value) {
        return asOperator().exchange(RequestEntity.post(URI.create("/api/mappings/reload")).header(header, value).build(),
                String.class);
    }

    private JsonNode jolokia(String request) {
        ResponseEntity<JsonNode> response = asOperator().exchange(RequestEntity.post(URI.create("/actuator/jolokia"))
                .contentType(MediaType.APPLICATION_JSON).body(request), JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    private static ResponseEntity<String> send(TestRestTemplate client, String method, String path) {
        return client.exchange(RequestEntity.method(HttpMethod.valueOf(method), URI.create(path))
                .contentType(MediaType.APPLICATION_JSON).body("{}"), String.class);
    }

    private static void assertUnauthorized(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=");
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(response.getBody()).contains("\"detail\"").doesNotContain("<html");
    }
}
