package org.returnsbridge.sandbox;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox as its own process, for a bridge started separately (a second terminal, docker compose).
 * Prints the environment the bridge needs, then {@code SANDBOX READY port=<port>} once it is listening;
 * scripts and tests wait for that exact line. Runs until the process is stopped.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(SandboxCommandLine.usage());
            return;
        }
        SandboxSettings settings;
        try {
            settings = SandboxCommandLine.settings(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SandboxServer server = SandboxServer.start(settings);
        SandboxCommandLine.faults(args, System.getenv()).forEach(server::configureFaults);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sandbox-shutdown"));
        announce(server, System.out);
        awaitTermination();
    }

    static void announce(SandboxServer server, PrintStream out) {
        out.print(banner(server));
        out.println("SANDBOX READY port=" + server.port());
        out.flush();
    }

    static String banner(SandboxServer server) {
        SandboxSettings s = server.settings();
        String trickle = s.trickle() ? "on, a tick every " + s.trickleIntervalSeconds() + " s" : "off";
        return """
                ==================================================================
                 Reveni -> Sitoo sandbox (fake Reveni + fake Sitoo) is listening
                   Reveni API : %s
                   Sitoo API  : %s
                   Admin API  : %s   (POST /reset, GET /calls, PUT /faults/sitoo ...)
                   Trickle    : %s, seed %d
                   Webhooks   : %s
                 Start the bridge against it with:
                   export REVENI_BASE_URL=%s
                   export REVENI_API_KEY=%s
                   export REVENI_STORE_ID=%s
                   export SITOO_BASE_URL=%s
                   export SITOO_API_ID=%s
                   export SITOO_API_PASSWORD=%s
                   export SITOO_SITE_ID=%d
                ==================================================================
                """.formatted(server.reveniBaseUrl(), server.sitooBaseUrl(), server.adminUrl(), trickle,
                s.randomSeed(), s.webhookUrl() == null ? "to registered URLs only" : "also to " + s.webhookUrl(),
                server.reveniBaseUrl(), s.reveniApiKey(), s.reveniStoreId(), server.sitooBaseUrl(),
                s.sitooApiId(), s.sitooApiPassword(), s.sitooSiteId());
    }

    private static void awaitTermination() {
        try {
            new CountDownLatch(1).await(); // the shutdown hook closes the server; the JVM then exits
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
