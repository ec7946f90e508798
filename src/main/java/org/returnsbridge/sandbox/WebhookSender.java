package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends Reveni's webhooks: told about every stored return change, it POSTs a signed {@code return.created} /
 * {@code return.updated} event to every registered URL that asked for that event type, plus the configured
 * {@link SandboxSettings#webhookUrl()}.
 *
 * <p>The store calls us on the thread of whoever changed the return (an admin or API request, the trickle), so
 * that thread only builds the event and queues it; sending, retrying and back-off all happen on a small
 * executor of our own. Each URL has its own lane (a chain of futures) so one URL's events leave in the order
 * the changes happened, and a slow or dead URL never holds up another. With {@code lanes} set (webhook faults)
 * a URL has that many lanes and a return's events always take the same one: returns overtake each other, a
 * return's own changes still arrive in order.
 */
final class WebhookSender implements ReturnChangeListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());

    /** One try and two retries: enough to ride out a restarting receiver without flooding a dead one. */
    static final int MAX_ATTEMPTS = 3;
    private static final long[] BACKOFF_MILLIS = {200, 1000};
    /** An event held back for reordering is sent anyway after this long, so it is never lost. */
    static final long HOLD_LIMIT_MILLIS = 2000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final String apiKey;
    private final String configuredUrl;
    private final ReveniStore store;
    private final Clock clock;
    private final WebhookFaults faults = new WebhookFaults();
    private final WebhookDeliveryLog deliveries = new WebhookDeliveryLog();
    private final ExecutorService executor;
    private final HttpClient http;
    // All guarded by "this". A reset bumps the generation: queued and in-flight sends of the old one stop.
    private final Map<String, CompletableFuture<Void>> lanes = new HashMap<>();
    private final Map<String, Outgoing> heldBack = new HashMap<>();
    private long generation;
    private long sequence;

    /**
     * One event on its way to one URL; {@code copies} is 2 when a duplicate is injected. {@code sequence} and
     * {@code queuedAtMillis} only feed the delivery log (benchmarks time deliveries with them).
     */
    private record Outgoing(WebhookEvent event, String url, int copies, long generation, long sequence,
            long queuedAtMillis) {
    }

    private record Outcome(Integer status, String error) {
        boolean delivered() {
            return error == null;
        }
    }

    WebhookSender(SandboxSettings settings, ReveniStore store, Clock clock) {
        this.apiKey = settings.reveniApiKey();
        this.configuredUrl = settings.webhookUrl();
        this.store = store;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(2, daemonThreads());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(executor)
                .build();
    }

    @Override
    public void returnChanged(String eventType, ObjectNode snapshot) {
        try {
            WebhookEvent event = WebhookEvent.of(newEventId(), eventType, clock.instant().getEpochSecond(),
                    snapshot, apiKey);
            for (String url : targets(eventType)) {
                dispatch(url, event);
            }
        } catch (RuntimeException e) {
            // A webhook problem must never fail the change that caused it.
            LOG.log(System.Logger.Level.WARNING, "could not queue webhook " + eventType + ": " + e, e);
        }
    }

    /** Sends every stored return's current state as {@code return.updated}; answers how many returns. */
    int resendAll() {
        List<ObjectNode> all = store.all();
        all.forEach(ret -> returnChanged(WebhookEvent.UPDATED, ret));
        return all.size();
    }

    WebhookFaults faults() {
        return faults;
    }

    List<WebhookDelivery> deliveries() {
        return deliveries.all();
    }

    /** Forgets deliveries, faults, held-back events and anything still queued or being retried. */
    synchronized void reset() {
        generation++;
        lanes.clear();
        heldBack.clear();
        deliveries.clear();
        faults.clear();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * Fresh random ids, not drawn from the sandbox seed: a bridge de-duplicates on the event id and may keep
     * its records across sandbox restarts, so a repeated id would silently swallow a genuine event.
     */
    private static String newEventId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private List<String> targets(String eventType) {
        List<String> urls = new ArrayList<>();
        store.webhooks().stream()
                .filter(registration -> registration.eventTypes().contains(eventType))
                .forEach(registration -> urls.add(registration.url()));
        if (configuredUrl != null) {
            urls.add(configuredUrl);
        }
        return urls;
    }

    private synchronized void dispatch(String url, WebhookEvent event) {
        Outgoing outgoing = new Outgoing(event, url, faults.duplicate() ? 2 : 1, generation, ++sequence,
                clock.millis());
        boolean holdBack = faults.holdBack();
        Outgoing earlier = heldBack.remove(url);
        if (holdBack && earlier == null) {
            heldBack.put(url, outgoing);
            after(HOLD_LIMIT_MILLIS).thenRun(() -> releaseIfStillHeld(outgoing));
            return;
        }
        enqueue(outgoing);
        if (earlier != null) {
            enqueue(earlier); // behind the event that came after it: that is the reordering
        }
    }

    private synchronized void releaseIfStillHeld(Outgoing outgoing) {
        if (heldBack.get(outgoing.url()) == outgoing) {
            heldBack.remove(outgoing.url());
            enqueue(outgoing);
        }
    }

    /** Appends to the URL's lane; the lane runs on our executor, never on the caller's thread. */
    private synchronized void enqueue(Outgoing outgoing) {
        for (int copy = 0; copy < outgoing.copies(); copy++) {
            String lane = outgoing.url() + "\n" + faults.laneOf(outgoing.event().returnId());
            lanes.compute(lane, (key, tail) -> (tail == null ? DONE : tail)
                    .thenComposeAsync(ignored -> deliver(outgoing), executor)
                    .exceptionally(failure -> {
                        // Keep the lane alive for the next event whatever went wrong with this one.
                        LOG.log(System.Logger.Level.WARNING, "webhook lane for " + outgoing.url() + " failed: " + failure);
                        return null;
                    }));
        }
    }

    private CompletableFuture<Void> deliver(Outgoing outgoing) {
        if (stale(outgoing)) {
            return DONE;
        }
        long delay = faults.delayMillis();
        return (delay > 0 ? after(delay) : DONE).thenCompose(ignored -> attempt(outgoing, 1, clock.millis()));
    }

    /** @param firstSentAtMillis when attempt 1 left, carried through the retries for the delivery log */
    private CompletableFuture<Void> attempt(Outgoing outgoing, int attempt, long firstSentAtMillis) {
        if (stale(outgoing)) {
            return DONE;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(outgoing.url()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, outgoing.event().signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(outgoing.event().body()))
                    .build();
        } catch (IllegalArgumentException badUrl) {
            record(outgoing, new Outcome(null, "not a usable URL: " + badUrl.getMessage()), attempt, firstSentAtMillis);
            return DONE;
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> outcomeOf(response, failure))
                .thenCompose(outcome -> {
                    if (outcome.delivered() || attempt == MAX_ATTEMPTS) {
                        record(outgoing, outcome, attempt, firstSentAtMillis);
                        return DONE;
                    }
                    return after(BACKOFF_MILLIS[attempt - 1])
                            .thenCompose(ignored -> attempt(outgoing, attempt + 1, firstSentAtMillis));
                });
    }

    private static Outcome outcomeOf(HttpResponse<Void> response, Throwable failure) {
        if (response == null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String message = cause.getMessage();
            return new Outcome(null, cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        }
        int status = response.statusCode();
        return new Outcome(status, status >= 200 && status < 300 ? null : "HTTP " + status);
    }

    private void record(Outgoing outgoing, Outcome outcome, int attempts, long firstSentAtMillis) {
        if (stale(outgoing)) {
            return;
        }
        WebhookEvent event = outgoing.event();
        java.time.Instant answeredAt = clock.instant();
        deliveries.add(new WebhookDelivery(event.id(), event.type(), event.returnId(), outgoing.url(),
                outcome.status(), outcome.error(), attempts, answeredAt.toString(),
                outgoing.sequence(), outgoing.queuedAtMillis(), firstSentAtMillis, answeredAt.toEpochMilli()));
        if (!outcome.delivered()) {
            LOG.log(System.Logger.Level.WARNING, "webhook " + event.type() + " " + event.id() + " to "
                    + outgoing.url() + " failed after " + attempts + " attempts: " + outcome.error());
        }
    }

    private synchronized boolean stale(Outgoing outgoing) {
        return outgoing.generation() != generation;
    }

    private CompletableFuture<Void> after(long millis) {
        Executor later = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, executor);
        return CompletableFuture.runAsync(() -> { }, later);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-webhook-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
