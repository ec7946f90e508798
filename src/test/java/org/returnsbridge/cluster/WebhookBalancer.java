package org.returnsbridge.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What a load balancer in front of the bridges does with Reveni's webhooks: each request goes to the next node
 * in turn; a node that does not answer (killed, restarting) is skipped for the next one, as a balancer's health
 * check would. With no node registered at all the event is answered 200 and dropped, like webhooks Reveni sent
 * while every bridge was down: the poll must find those returns by itself.
 *
 * <p>The sandbox sends every event to one URL ({@code --webhook-url}); this is that URL.
 */
final class WebhookBalancer implements AutoCloseable {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Integer> nodePorts = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, AtomicLong> forwardedByPort = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();

    WebhookBalancer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** The URL the sandbox posts webhooks to. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/reveni";
    }

    void addNode(int port) {
        nodePorts.add(port);
    }

    void removeNode(int port) {
        nodePorts.remove(Integer.valueOf(port));
    }

    /** Events a node answered, by node port. */
    Map<Integer, Long> forwarded() {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        forwardedByPort.forEach((port, count) -> counts.put(port, count.get()));
        return counts;
    }

    long dropped() {
        return dropped.get();
    }

    /** Events no registered node answered (every one tried was down): answered 502, the sandbox retries. */
    long unanswered() {
        return unanswered.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            List<Integer> ports = List.copyOf(nodePorts);
            if (ports.isEmpty()) {
                dropped.incrementAndGet();
                answer(exchange, 200, new byte[0]);
                return;
            }
            int first = Math.floorMod(next.getAndIncrement(), ports.size());
            for (int i = 0; i < ports.size(); i++) {
                int port = ports.get((first + i) % ports.size());
                HttpResponse<byte[]> response = tryNode(port, exchange, body);
                if (response != null) {
                    forwardedByPort.computeIfAbsent(port, p -> new AtomicLong()).incrementAndGet();
                    answer(exchange, response.statusCode(), response.body());
                    return;
                }
            }
            unanswered.incrementAndGet();
            answer(exchange, 502, new byte[0]);
        }
    }

    private HttpResponse<byte[]> tryNode(int port, HttpExchange exchange, byte[] body) {
        URI target = URI.create("http://127.0.0.1:" + port + exchange.getRequestURI());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null; // the node is down or died mid-request: the next node gets the event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
