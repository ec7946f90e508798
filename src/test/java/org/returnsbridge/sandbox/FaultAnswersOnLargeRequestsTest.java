package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fault answered before the API reads the request (a 429 from the rate limit, an injected 500) must leave
 * a keep-alive connection usable, as a real server does. The JDK server drains at most 64 KB of an unread
 * body and otherwise closes the connection after answering; the client's next request on that pooled
 * connection then meets a reset. Benchmarks showed exactly that: every large interval-mode batch turned
 * away with a 429 was followed by a batch "unanswered (Connection reset by peer)" whose outcome the bridge
 * then had to read back, a sandbox artefact no real Sitoo produces.
 */
class FaultAnswersOnLargeRequestsTest {

    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("90316-1:sandbox-sitoo-password".getBytes(StandardCharsets.UTF_8));

    private final SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(0));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theConnectionOutlivesA429ToALargeBatch() throws Exception {
        server.configureFaults("sitoo", "{\"rateLimitPerSecond\": 1}");
        HttpResponse<String> first = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.sitooBaseUrl() + "/sites/1/warehouses.json")).header("Authorization", AUTH).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as("the limit's one request this second").isEqualTo(200);

        try (Socket connection = new Socket("127.0.0.1", server.port())) {
            connection.setSoTimeout(10_000);
            assertThat(exchange(connection, largeBatch())).startsWith("HTTP/1.1 429");
            assertThat(exchange(connection, warehouses())).as("the same connection answers the next request")
                    .startsWith("HTTP/1.1 ");
        }
    }

    @Test
    void theConnectionOutlivesA500ToALargeBatch() throws Exception {
        server.configureFaults("sitoo", "{\"rate500\": 1.0}");

        try (Socket connection = new Socket("127.0.0.1", server.port())) {
            connection.setSoTimeout(10_000);
            assertThat(exchange(connection, largeBatch())).startsWith("HTTP/1.1 500");
            assertThat(exchange(connection, warehouses())).startsWith("HTTP/1.1 500");
        }
    }

    /** 1 MB of request body: far beyond what the JDK server would drain by itself. */
    private byte[] largeBatch() {
        byte[] body = ("[" + " ".repeat(1024 * 1024) + "]").getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("POST /sitoo/v2/accounts/90316/sites/1/warehousetransactions.json HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: " + AUTH + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private byte[] warehouses() {
        return ("GET /sitoo/v2/accounts/90316/sites/1/warehouses.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + AUTH + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes one request and reads its whole response (status line, headers, Content-Length body). */
    private static String exchange(Socket connection, byte[] request) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(request);
        out.flush();
        InputStream in = connection.getInputStream();
        String status = line(in);
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes((int) length);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
