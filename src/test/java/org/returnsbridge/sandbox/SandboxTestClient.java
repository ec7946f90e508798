package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** Talks to a running sandbox over real HTTP, the way the bridge will, with the right credentials by default. */
final class SandboxTestClient {

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JsonHttp.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final SandboxServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SandboxTestClient(SandboxServer server) {
        this.server = server;
    }

    String reveniStoreUrl(String path) {
        return server.reveniBaseUrl() + "/stores/" + server.settings().reveniStoreId() + path;
    }

    Answer reveniGet(String pathUnderStore) {
        return send(HttpRequest.newBuilder(URI.create(reveniStoreUrl(pathUnderStore)))
                .header("Authorization", "Bearer " + server.settings().reveniApiKey()).GET());
    }

    Answer reveniGetUrl(String absoluteUrl) {
        return send(HttpRequest.newBuilder(URI.create(absoluteUrl))
                .header("Authorization", "Bearer " + server.settings().reveniApiKey()).GET());
    }

    Answer sitooGet(String path) {
        return send(sitooRequest(path).GET());
    }

    Answer sitooPost(String path, String json) {
        return send(sitooRequest(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    CompletableFuture<HttpResponse<String>> sitooPostAsync(String path, String json) {
        return http.sendAsync(sitooRequest(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String sitooSitePath(String path) {
        return "/sites/" + server.settings().sitooSiteId() + path;
    }

    Answer admin(String method, String path, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        return send(HttpRequest.newBuilder(URI.create(server.adminUrl() + path))
                .header("Content-Type", "application/json").method(method, body));
    }

    Answer get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder sitooRequest(String path) {
        SandboxSettings s = server.settings();
        return HttpRequest.newBuilder(URI.create(server.sitooBaseUrl() + path))
                .header("Authorization", basic(s.sitooApiId(), s.sitooApiPassword()))
                .header("Content-Type", "application/json");
    }
}
