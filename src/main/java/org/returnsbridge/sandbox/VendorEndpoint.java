package org.returnsbridge.sandbox;

import com.sun.net.httpserver.HttpExchange;

/**
 * Serves one vendor API through its faults: counts the call, lets the fault injector fail, slow down or drop
 * it, runs the API, and for writes optionally holds the answer after the state has changed. Holding after
 * the commit is what lets tests kill a client between "posted to Sitoo" and "recorded by the client".
 */
final class VendorEndpoint {

    private final VendorApi api;
    private final FaultInjector faults;
    private final CallCounter calls;

    VendorEndpoint(VendorApi api, FaultInjector faults, CallCounter calls) {
        this.api = api;
        this.faults = faults;
        this.calls = calls;
    }

    void serve(HttpExchange exchange, HttpCall call) {
        String key = api.vendor() + " " + api.callName(call);
        calls.record(key);
        RequestFault fault = faults.nextRequestFault();
        countFaults(fault);
        pause(faults.latencyMillis() + fault.slowMillis());
        switch (fault.kind()) {
            case DROP -> {
                dropConnection(exchange, key);
                return;
            }
            case OUTAGE -> {
                send(exchange, call, key, api.error(503, "Service unavailable (sandbox outage)"));
                return;
            }
            case TOO_MANY_REQUESTS_WITH_RETRY_AFTER -> {
                send(exchange, call, key, api.error(429, "Too many requests")
                        .withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds())));
                return;
            }
            case TOO_MANY_REQUESTS -> {
                send(exchange, call, key, api.error(429, "Too many requests"));
                return;
            }
            case SERVER_ERROR -> {
                send(exchange, call, key, api.error(500, "Internal server error (sandbox fault)"));
                return;
            }
            case NONE -> {
                // answer normally below
            }
        }
        HttpAnswer answer = answer(call);
        if (api.commitsState(call)) {
            pause(faults.holdAfterCommitMillis());
            if (fault.dropAfterCommit()) {
                dropConnection(exchange, key);
                return;
            }
        }
        send(exchange, call, key, answer);
    }

    /**
     * Every answer is counted by its status too, so a rate limit's 429s can be told from the calls served.
     * The request body is read to its end first, as a real server does. The JDK server drains at most 64 KB of
     * a body nobody read and otherwise closes the connection after answering (a 429, a 500 answered before the
     * API looked at the body): the client's next request on that kept-alive connection then meets a reset, so
     * the batch after a large throttled one would look unanswered, its outcome unknown.
     */
    private void send(HttpExchange exchange, HttpCall call, String key, HttpAnswer answer) {
        call.body();
        calls.recordAnswer(key, Integer.toString(answer.status()));
        JsonHttp.send(exchange, answer);
    }

    /** Injected faults are counted too ("sitoo fault SERVER_ERROR"), so a fault run can report what it survived. */
    private void countFaults(RequestFault fault) {
        if (fault.kind() != RequestFault.Kind.NONE) {
            calls.record(api.vendor() + " fault " + fault.kind());
        }
        if (fault.slowMillis() > 0) {
            calls.record(api.vendor() + " fault SLOW");
        }
        if (fault.dropAfterCommit()) {
            calls.record(api.vendor() + " fault DROP_AFTER_COMMIT");
        }
    }

    private HttpAnswer answer(HttpCall call) {
        try {
            return api.handle(call);
        } catch (ApiError refusal) {
            return api.error(refusal.status(), refusal.getMessage());
        } catch (RuntimeException bug) {
            return api.error(500, "sandbox failure: " + bug);
        }
    }

    /** Closing before any response header is sent makes the JDK server close the socket: the client sees EOF. */
    private void dropConnection(HttpExchange exchange, String key) {
        calls.recordAnswer(key, CallCounter.DROPPED);
        exchange.close();
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
