package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The operations page over real HTTP as the operator, its HTML read with a real parser (jsoup), so a test
 * asserts the hooks the page promises (ids, data attributes) and what a browser would show, not substrings.
 */
abstract class OperationsPageTestBase extends SandboxedBridgeTest {

    /** A page as the operator's browser gets it; fails unless the answer is the expected status and HTML. */
    protected Document page(String path, int expectedStatus) {
        // As a URI, so an already-encoded query (%3C...) is sent as it stands, not encoded twice.
        ResponseEntity<String> response = asOperator().getForEntity(java.net.URI.create(baseUrl() + path), String.class);
        assertThat(response.getStatusCode().value()).as("GET %s: %s", path, response.getBody()).isEqualTo(expectedStatus);
        assertThat(response.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
        return Jsoup.parse(response.getBody(), baseUrl());
    }

    protected Document page(String path) {
        return page(path, 200);
    }

    /** A form's POST as the page's own script or button sends it: same origin, as a browser marks it. */
    protected ResponseEntity<String> postFromPage(String path, boolean htmx) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Sec-Fetch-Site", "same-origin");
        headers.set("Origin", baseUrl());
        if (htmx) {
            headers.set("HX-Request", "true");
        }
        return asOperator().exchange(path, HttpMethod.POST, new HttpEntity<>(null, headers), String.class);
    }

    protected String baseUrl() {
        return rest.getRootUri();
    }
}
