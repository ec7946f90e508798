package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny webhook endpoint on a free port that keeps every request exactly as it arrived and answers 200. */
final class WebhookReceiver implements AutoCloseable {

    record Received(byte[] rawBody, String signature, String contentType) {
        JsonNode json() {
            try {
                return JsonHttp.MAPPER.readTree(rawBody);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(in.readAllBytes(),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                        exchange.getRequestHeaders().getFirst("Content-Type")));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** What arrived for one return, in arrival order (other tests' returns may still trickle in). */
    List<Received> forReturn(String returnId) {
        return received.stream()
                .filter(r -> r.json().path("data").path("resource_id").asText().equals(returnId))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
