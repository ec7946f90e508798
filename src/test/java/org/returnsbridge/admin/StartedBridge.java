package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.impl.DefaultCamelContext;
import org.returnsbridge.BridgeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bridge started as in production (sandbox mode, command-line properties, JMX on, Camel's MBeans
 * registered, no test context), with the operator account {@link #USER} / {@link #PASSWORD}, and small HTTP
 * clients to call it: one from 127.0.0.1, one from any other loopback address (127.0.0.N), which is how the
 * throttle tests play several callers.
 */
final class StartedBridge implements AutoCloseable {

    static final String USER = "ops";
    static final String PASSWORD = "Op3rator-pass";
    static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final boolean camelJmxWasDisabled;
    private final HttpClient http = HttpClient.newHttpClient();
    final int port;

    private StartedBridge(ConfigurableApplicationContext context, boolean camelJmxWasDisabled) {
        this.context = context;
        this.camelJmxWasDisabled = camelJmxWasDisabled;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static StartedBridge start(String... more) {
        boolean camelJmxWasDisabled = DefaultCamelContext.isDisableJmx();
        // Camel's test support switches Camel's MBeans off JVM-wide; this bridge runs as in production.
        DefaultCamelContext.setDisableJmx(false);
        List<String> args = new ArrayList<>(List.of(
                "--bridge.mode=sandbox", "--bridge.admin.username=" + USER, "--bridge.admin.password=" + PASSWORD,
                "--bridge.connections.sandbox.port=0", "--bridge.connections.sandbox.trickle=false",
                "--bridge.connections.sandbox.webhooks=false", "--bridge.poll.enabled=false",
                "--bridge.reconciliation.enabled=false", "--server.port=0",
                "--spring.jmx.enabled=true", "--spring.jmx.unique-names=true",
                "--spring.datasource.url=jdbc:h2:mem:access-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
        args.addAll(Arrays.asList(more));
        try {
            return new StartedBridge(new SpringApplicationBuilder(BridgeApplication.class).run(args.toArray(String[]::new)),
                    camelJmxWasDisabled);
        } catch (RuntimeException failed) {
            DefaultCamelContext.setDisableJmx(camelJmxWasDisabled);
            throw failed;
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** POST /actuator/jolokia as the operator; the parsed answer (Jolokia answers errors inside a 200 as well). */
    JsonNode jolokia(String request) {
        try {
            HttpResponse<String> response = send("POST", "/actuator/jolokia", basic(USER, PASSWORD), request);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(String method, String path, String authorization, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET sent from a given local address (127.0.0.N): the status line, the headers (lower-case names), the body. */
    RawResponse getFrom(String localAddress, String path, String authorization) {
        return getFrom(localAddress, path, authorization, "");
    }

    /** The same, with more header lines ({@code "Name: value\r\n"} each). */
    RawResponse getFrom(String localAddress, String path, String authorization, String moreHeaders) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + moreHeaders + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record RawResponse(int status, Map<String, String> headers, String body) {}

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            DefaultCamelContext.setDisableJmx(camelJmxWasDisabled);
        }
    }
}
