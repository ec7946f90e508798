package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * Hawtio's one sign-in path, at the HTTP level: the browser's Basic prompt for the operator account (the 401
 * that asks for it, then every request carrying it); Hawtio's own login is off, so Hawtio counts the browser
 * as signed in and never shows its form. Hawtio's page carries the script that takes credentials out of an
 * address like http://user:password@host/actuator/hawtio/, which Hawtio cannot run from. The browser side, in
 * a real headless Chromium, is {@link HawtioBrowserSignInTest}; see docs/operations.md, "Hawtio, JMX and Jolokia".
 */
class HawtioSignInTest extends SandboxedBridgeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/hawtio/", "/actuator/hawtio/index.html", "/actuator/hawtio/camel/routes",
            "/actuator/hawtio/jmx/attributes"})
    void withoutCredentialsTheBrowserIsAskedForThem(String page) {
        ResponseEntity<String> answer = rest.getForEntity(page, String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=");
        assertThat(answer.getHeaders().getLocation()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/hawtio/", "/actuator/hawtio/index.html", "/actuator/hawtio/camel/routes",
            "/actuator/hawtio/jmx/attributes"})
    void signedInTheOperatorGetsHawtiosPageWithTheSignInScriptFirst(String page) {
        ResponseEntity<String> answer = asOperator().getForEntity(page, String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        String html = answer.getBody();
        assertThat(html).contains("<title>Hawtio</title>").doesNotContain("login");
        assertThat(html.indexOf(HawtioSignInPage.SCRIPT)).isPositive().isLessThan(html.indexOf("static/js/main."));
        assertThat(html.split(java.util.regex.Pattern.quote(HawtioSignInPage.SCRIPT), -1)).hasSize(2);
        assertThat(answer.getHeaders().getContentLength()).isEqualTo(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void theSignInScriptIsServedAsJavaScript() {
        ResponseEntity<String> script = asOperator().getForEntity("/hawtio-sign-in.js", String.class);

        assertThat(script.getStatusCode().value()).isEqualTo(200);
        assertThat(script.getHeaders().getContentType().toString()).contains("javascript");
        assertThat(script.getBody()).contains("document.URL").contains("location.replace");
        assertThat(rest.getForEntity("/hawtio-sign-in.js", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void hawtioCountsTheBasicSignInAsSignedIn() {
        // Hawtio's own login is off: its user endpoint answers a name (so no login form), its login form is not used.
        ResponseEntity<String> user = asOperator().getForEntity("/actuator/hawtio/user", String.class);
        assertThat(user.getStatusCode().value()).isEqualTo(200);
        assertThat(user.getBody()).isNotBlank();

        ResponseEntity<String> authConfig = asOperator().getForEntity("/actuator/hawtio/keycloak/enabled", String.class);
        assertThat(authConfig.getBody().strip()).isEqualTo("false");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/hawtio/jolokia", "/actuator/jolokia"})
    void jolokiaThroughHawtioWorksUnderTheSamePolicy(String path) {
        assertThat(jolokia(path, "{\"type\":\"version\"}").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia(path, "{\"type\":\"exec\",\"mbean\":\"" + exceptionQueueMBean().getCanonicalName()
                + "\",\"operation\":\"listOpenExceptions\"}").path("value").asText()).isEqualTo("no open exceptions");
        assertThat(jolokia(path, "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap\",\"arguments\":[\"target/hawtio-heap.hprof\",true]}").path("status").asInt())
                .isEqualTo(403);
    }

    private JsonNode jolokia(String path, String request) {
        ResponseEntity<JsonNode> response = asOperator().exchange(RequestEntity.post(URI.create(path))
                .contentType(MediaType.APPLICATION_JSON).body(request), JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }
}
