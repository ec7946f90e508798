package org.returnsbridge.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Both fake vendors and the admin API on one real HTTP port, using only the JDK's HTTP server so the sandbox
 * runs the same inside the bridge (demo mode, tests) and as its own process.
 *
 * <pre>
 *   /reveni/merchants/v0/stores/{store_id}/...   fake Reveni   (Bearer key)
 *   /sitoo/v2/accounts/{accountid}/...           fake Sitoo    (HTTP Basic)
 *   /sandbox/...                                 admin API     (no auth, no faults)
 * </pre>
 */
public final class SandboxServer implements AutoCloseable {

    /** Requests may sleep in injected delays or held commits, so several must be served at once. */
    private static final int HTTP_THREADS = 16;

    private final SandboxSettings settings;
    private final SandboxWorld world;
    private final HttpServer httpServer;
    private final ExecutorService executor;
    private final VendorEndpoint reveni;
    private final VendorEndpoint sitoo;
    private final SandboxAdminApi admin;

    static {
        // The JDK server writes headers and body as separate packets; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK and every request costs ~40 ms. The JDK reads this property once,
        // when its first server is created, so it is set here and only if nobody chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private SandboxServer(SandboxSettings settings, Clock clock) throws IOException {
        this.world = new SandboxWorld(settings, clock);
        this.httpServer = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 64);
        this.settings = settings.withPort(httpServer.getAddress().getPort());
        this.reveni = new VendorEndpoint(new ReveniSandboxApi(this.settings, world.reveni(), this::callerBaseUrl),
                world.reveniFaults(), world.calls());
        this.sitoo = new VendorEndpoint(new SitooSandboxApi(this.settings, world.sitoo(), world.sitooFaults()),
                world.sitooFaults(), world.calls());
        this.admin = new SandboxAdminApi(world);
        this.executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
        httpServer.setExecutor(executor);
        httpServer.createContext("/", this::dispatch);
    }

    public static SandboxServer start(SandboxSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** With an injected clock, for tests that need to control timestamps. */
    static SandboxServer start(SandboxSettings settings, Clock clock) {
        SandboxServer server;
        try {
            server = new SandboxServer(settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox could not listen on " + settings.bindAddress() + ":"
                    + settings.port(), e);
        }
        server.httpServer.start();
        if (settings.trickle()) {
            server.world.trickle().start(settings.trickleIntervalSeconds());
        }
        return server;
    }

    public int port() {
        return settings.port();
    }

    public String reveniBaseUrl() {
        return rootUrl() + ReveniSandboxApi.PREFIX;
    }

    public String sitooBaseUrl() {
        return rootUrl() + SitooSandboxApi.PREFIX + "/" + settings.sitooAccountId();
    }

    public String adminUrl() {
        return rootUrl() + SandboxAdminApi.PREFIX;
    }

    /** The effective settings: as given, but with the port actually bound (useful after port 0). */
    /**
     * Sets one fake vendor's faults ("sitoo" or "reveni") from the JSON that
     * {@code PUT /sandbox/faults/{vendor}} takes; a bad value is refused with the reason.
     */
    public void configureFaults(String vendor, String faultsJson) {
        FaultInjector injector = world.faults(vendor)
                .orElseThrow(() -> new IllegalArgumentException("no vendor '" + vendor + "': sitoo or reveni"));
        try {
            injector.configure(JsonHttp.MAPPER.readValue(faultsJson, FaultSettings.class));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(vendor + " faults are not valid: " + e.getMessage(), e);
        }
    }

    public SandboxSettings settings() {
        return settings;
    }

    SandboxWorld world() {
        return world;
    }

    @Override
    public void close() {
        world.trickle().close();
        world.webhooks().close();
        httpServer.stop(0);
        // Interrupts requests sleeping in fault delays so closing never waits for them.
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (under(path, ReveniSandboxApi.PREFIX)) {
                reveni.serve(exchange, HttpCall.of(exchange, ReveniSandboxApi.PREFIX));
            } else if (under(path, SitooSandboxApi.PREFIX)) {
                sitoo.serve(exchange, HttpCall.of(exchange, SitooSandboxApi.PREFIX));
            } else if (under(path, SandboxAdminApi.PREFIX)) {
                JsonHttp.send(exchange, admin.handle(HttpCall.of(exchange, SandboxAdminApi.PREFIX)));
            } else {
                JsonHttp.send(exchange, HttpAnswer.json(404, Map.of("error", "nothing here; try "
                        + ReveniSandboxApi.PREFIX + ", " + SitooSandboxApi.PREFIX + " or " + SandboxAdminApi.PREFIX)));
            }
        } catch (RuntimeException bug) {
            JsonHttp.send(exchange, HttpAnswer.json(500, Map.of("error", "sandbox failure: " + bug)));
        }
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Links in Reveni pages point where the caller reached us, which is what a real API does. */
    private String callerBaseUrl(HttpCall call) {
        return "http://" + call.header("Host").orElse(hostForUrls() + ":" + port());
    }

    private String rootUrl() {
        return "http://" + hostForUrls() + ":" + port();
    }

    /** A wildcard bind address is not somewhere a client can connect to; loopback always works locally. */
    private String hostForUrls() {
        String bind = settings.bindAddress();
        if (bind == null || bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
