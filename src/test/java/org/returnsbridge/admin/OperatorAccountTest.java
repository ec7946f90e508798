package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.returnsbridge.BridgeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator account in each mode, with the application started as in production (command-line
 * properties, no test context): live mode refuses to start without one; sandbox mode makes one up.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorAccountTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Live mode: valid-looking accounts that are never called, because start-up stops first. */
    private static final String[] LIVE_ACCOUNTS = {
            "--bridge.connections.reveni.base-url=http://127.0.0.1:9/reveni/merchants/v0",
            "--bridge.connections.reveni.api-key=key",
            "--bridge.connections.reveni.store-id=3f9a0c5e7b1d4e2f8a6c0b9d7e5f3a1c",
            "--bridge.connections.sitoo.base-url=http://127.0.0.1:9/sitoo/v2/accounts/90316",
            "--bridge.connections.sitoo.api-id=90316-1",
            "--bridge.connections.sitoo.api-password=secret",
    };

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void liveModeWithoutTheOperatorAccountRefusesToStart() {
        String message = startupFailure(with(LIVE_ACCOUNTS, "--bridge.admin.username=", "--bridge.admin.password="));

        assertThat(message).contains("Live mode needs the operator account")
                .contains("set both BRIDGE_ADMIN_USERNAME and BRIDGE_ADMIN_PASSWORD")
                .contains("not set: BRIDGE_ADMIN_USERNAME, BRIDGE_ADMIN_PASSWORD");
    }

    @Test
    void liveModeWithHalfTheOperatorAccountRefusesToStart() {
        String message = startupFailure(with(LIVE_ACCOUNTS, "--bridge.admin.username=ops", "--bridge.admin.password="));

        assertThat(message).contains("not set: BRIDGE_ADMIN_PASSWORD").doesNotContain("not set: BRIDGE_ADMIN_USERNAME");
    }

    @Test
    void sandboxModeWithHalfTheOperatorAccountRefusesToStart() {
        String message = startupFailure("--bridge.mode=sandbox", "--bridge.admin.username=",
                "--bridge.admin.password=only-a-password");

        assertThat(message).contains("BRIDGE_ADMIN_USERNAME is not set but BRIDGE_ADMIN_PASSWORD is");
    }

    @Test
    void sandboxModeWithoutAnAccountGeneratesAPasswordThatWorks(CapturedOutput output) throws Exception {
        boolean camelJmxWasDisabled = DefaultCamelContext.isDisableJmx();
        // Camel's test support switches Camel's MBeans off JVM-wide; this bridge runs as in production.
        DefaultCamelContext.setDisableJmx(false);
        try (ConfigurableApplicationContext bridge = start("--bridge.mode=sandbox", "--bridge.admin.username=",
                "--bridge.admin.password=",
                "--spring.jmx.unique-names=true")) {
            AdminCredentials account = bridge.getBean(AdminCredentials.class);
            String base = "http://127.0.0.1:" + bridge.getEnvironment().getProperty("local.server.port");

            assertThat(account.generated()).isTrue();
            assertThat(account.username()).isEqualTo("admin");
            assertThat(account.password()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(output.getOut().split(java.util.regex.Pattern.quote(account.password()), -1))
                    .as("the password is printed exactly once").hasSize(2);
            assertThat(output.getOut()).contains("SANDBOX MODE: no operator account is configured");
            assertThat(output.getOut().lines()).as("the banner is logged line by line, not folded into one")
                    .anyMatch(line -> line.endsWith("password: " + account.password()))
                    .noneMatch(line -> line.contains("SANDBOX MODE") && line.contains("password: "));

            assertThat(get(base + "/api/exceptions", "admin", account.password()).statusCode()).isEqualTo(200);
            assertThat(get(base + "/actuator/hawtio/", "admin", account.password()).statusCode()).isEqualTo(200);
            assertThat(get(base + "/api/exceptions", "admin", "guess").statusCode()).isEqualTo(401);
            assertThat(get(base + "/actuator/health", null, null).statusCode()).isEqualTo(200);

            // Hawtio's Camel tab reads Camel's MBeans through Jolokia: they are there, by route id.
            JsonNode route = JSON.readTree(post(base + "/actuator/jolokia", "admin", account.password(),
                    "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=reveni-sitoo-bridge,type=routes,name=\\\"restock\\\"\","
                            + "\"attribute\":\"State\"}").body());
            assertThat(route.path("status").asInt()).as(route.toString()).isEqualTo(200);
            assertThat(route.path("value").asText()).isEqualTo("Started");
        } finally {
            DefaultCamelContext.setDisableJmx(camelJmxWasDisabled);
        }
    }

    /** As command-line arguments, which (unlike builder defaults) win over application.yml. */
    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(BridgeApplication.class).run(with(args,
                "--bridge.connections.sandbox.port=0", "--bridge.connections.sandbox.trickle=false",
                "--bridge.poll.enabled=false", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:operator-account-" + System.nanoTime()));
    }

    private static String startupFailure(String... args) {
        Throwable failure = catchThrowable(() -> {
            try (ConfigurableApplicationContext ignored = start(with(args, "--spring.jmx.enabled=false"))) {
                // started: the test fails below
            }
        });
        assertThat(failure).as("start-up must fail").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private HttpResponse<String> get(String url, String user, String password) throws Exception {
        return http.send(request(url, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String user, String password, String json) throws Exception {
        return http.send(request(url, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String url, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }
}
